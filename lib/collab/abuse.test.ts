import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MessageType } from "@hocuspocus/server";
import * as Y from "yjs";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  awarenessFrame,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  RawCollaborationClient,
  type ReceivedMessage,
  sessionCookieFor,
  startInProcessCollaboration,
  statelessFrame,
  storedBodyText,
  syncFrame,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
} from "@/lib/testing/collaboration";
import { CLOSE_CODES, parseServerMessage } from "@/lib/collab/protocol";
import type { CollaborationEvent } from "@/lib/collab/server";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

const MAX_MESSAGE_BYTES = 256 * 1024;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegate: Actor;
let otherDelegate: Actor;
let observer: Actor;
const events: { event: CollaborationEvent; details: Record<string, unknown> }[] = [];
const rawClients: RawCollaborationClient[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
  otherDelegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "MK" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "CEFTA" });
  server = await startInProcessCollaboration({ maxMessageBytes: MAX_MESSAGE_BYTES, log: (event, details) => events.push({ event, details }) });
});

afterAll(async () => {
  for (const client of rawClients) client.close();
  await server?.close();
  await testDatabase?.drop();
});

async function rawClient(actor: Actor): Promise<RawCollaborationClient> {
  const client = await RawCollaborationClient.connect(server.url, { cookie: await sessionCookieFor(testDatabase.database, actor.id) });
  rawClients.push(client);
  return client;
}

/** An update that appends a paragraph to the document as currently stored, as a real client would produce. */
async function forgedInsertion(documentId: string, text: string): Promise<Uint8Array> {
  const { loadDocumentState } = await import("@/lib/documents/live-state");
  const document = new Y.Doc();
  Y.applyUpdate(document, (await loadDocumentState(documentId))!.state);
  const before = Y.encodeStateVector(document);
  appendParagraph(document, text);
  return Y.encodeStateAsUpdate(document, before);
}

/** The client id under which the watcher in the observer test announces itself. */
const WATCHER_CLIENT_ID = 5151;

/** What the watcher received since `from`, other than the server's own participant lists. */
function relayedSince(watcher: RawCollaborationClient, from: number) {
  return watcher.received.slice(from).filter((message) => !(message.type === MessageType.Stateless && parseServerMessage(message.text ?? "")));
}

describe("an observer's raw socket", () => {
  test("changes nothing and reaches no one, and every attempt is logged", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Original text"] });
    const watcher = await rawClient(otherDelegate);
    expect(await watcher.authenticate(document.id)).toBe("read-write");
    await watcher.sync(document.id);

    const attacker = await rawClient(observer);
    expect(await attacker.authenticate(document.id)).toBe("readonly");
    await attacker.sync(document.id);
    // The watcher is told of the observer's arrival once it has joined.
    const isObserverListed = ({ type, text }: ReceivedMessage) =>
      type === MessageType.Stateless && !!parseServerMessage(text ?? "")?.participants.some(({ id }) => id === observer.id);
    await waitFor(() => watcher.received.some(isObserverListed), { message: "the observer's arrival" });
    const baseline = watcher.received.length;
    const eventsBefore = events.length;

    attacker.send(syncFrame(document.id, 2, await forgedInsertion(document.id, "Forged by update")));
    attacker.send(syncFrame(document.id, 1, await forgedInsertion(document.id, "Forged by sync step 2")));
    attacker.send(statelessFrame(document.id, MessageType.Stateless, JSON.stringify({ type: "accord:participants", documentId: document.id, participants: [] })));
    attacker.send(awarenessFrame(document.id, 4242, { user: { id: delegate.id, name: "Forged Delegate", organisationCode: "ME", colour: "#000" } }));
    // One socket's messages are handled in order: the fourth refusal means all four were handled.
    await waitFor(() => events.length - eventsBefore >= 4, { message: "the four refusals" });
    expect(attacker.isOpen).toBe(true);

    // A frame that closes the socket; had an earlier frame closed it, the code would be another.
    attacker.send(statelessFrame(document.id, MessageType.BroadcastStateless, "announcement"));
    expect(await attacker.closed).toEqual({ code: CLOSE_CODES.policyViolation, reason: "policy-violation" });

    // The watcher announces its own presence, which the server sends back to it, after anything it relayed before.
    watcher.send(awarenessFrame(document.id, WATCHER_CLIENT_ID, { cursor: null }));
    await waitFor(() => relayedSince(watcher, baseline).some((message) => message.awarenessClientIds?.includes(WATCHER_CLIENT_ID)), {
      message: "the watcher's own presence",
    });
    expect(relayedSince(watcher, baseline).map(({ type, awarenessClientIds }) => ({ type, awarenessClientIds }))).toEqual([
      { type: MessageType.Awareness, awarenessClientIds: [WATCHER_CLIENT_ID] },
    ]);
    expect(await storedBodyText(document.id)).toBe("Original text");
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    const logged = events.slice(eventsBefore).map(({ event, details }) => [event, details.userId ?? null, details.syncType ?? null]);
    expect(logged).toEqual([
      ["refused-update-from-read-only", observer.id, 2],
      ["refused-update-from-read-only", observer.id, 1],
      ["refused-stateless-from-read-only", observer.id, null],
      ["refused-awareness-from-read-only", observer.id, null],
      ["refused-frame", observer.id, null],
    ]);
  });
});

describe("presence", () => {
  test("a delegate cannot take over another client's caret", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    const victim = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, otherDelegate.id) });
    const watcher = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, observer.id) });
    try {
      await waitForSaved(victim);
      victim.setAwarenessField("cursor", { anchor: 1 });
      await waitFor(() => watcher.awareness!.getStates().get(victim.document.clientID)?.user?.id === otherDelegate.id, { message: "victim presence" });

      const attacker = await rawClient(delegate);
      await attacker.authenticate(document.id);
      attacker.send(awarenessFrame(document.id, victim.document.clientID, { user: { name: "Hijacked" }, cursor: null }, 99));
      attacker.send(awarenessFrame(document.id, 777, { user: { id: otherDelegate.id, name: "Forged", organisationCode: "MK" } }));
      await waitFor(() => watcher.awareness!.getStates().has(777), { message: "attacker's own presence" });

      expect(watcher.awareness!.getStates().get(victim.document.clientID)).toMatchObject({ user: { id: otherDelegate.id }, cursor: { anchor: 1 } });
      expect(watcher.awareness!.getStates().get(777)?.user).toMatchObject({ id: delegate.id, organisationCode: "ME" });
      expect(events.some(({ event, details }) => event === "refused-foreign-awareness" && details.userId === delegate.id)).toBe(true);
    } finally {
      closeClient(victim);
      closeClient(watcher);
    }
  });
});

describe("malformed and oversized frames", () => {
  test("close only the offending socket; the server keeps serving others", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Stable text"] });
    const writer = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, otherDelegate.id) });
    const watcher = await rawClient(observer);
    try {
      await watcher.authenticate(document.id);
      await watcher.sync(document.id);
      await waitForSaved(writer);

      const garbage = await rawClient(delegate);
      garbage.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
      expect(await garbage.closed).toEqual({ code: CLOSE_CODES.malformedMessage, reason: "malformed-message" });

      const text = await rawClient(delegate);
      text.send("hello");
      expect(await text.closed).toEqual({ code: CLOSE_CODES.unsupportedData, reason: "unsupported-data" });

      const oversized = await rawClient(delegate);
      oversized.send(syncFrame(document.id, 2, new Uint8Array(MAX_MESSAGE_BYTES + 1)));
      expect((await oversized.closed).code).toBe(CLOSE_CODES.messageTooBig);

      const corruptUpdate = await rawClient(delegate);
      await corruptUpdate.authenticate(document.id);
      corruptUpdate.send(syncFrame(document.id, 2, new Uint8Array([3, 9, 250, 250, 250, 250, 250, 1, 7])));
      expect(await corruptUpdate.closed).toEqual({ code: CLOSE_CODES.malformedMessage, reason: "malformed-message" });

      const flooder = await rawClient(delegate);
      // Before authenticating, at most 200 messages are queued for a document.
      for (let index = 0; index < 250; index += 1) flooder.send(awarenessFrame(document.id, 1000 + index, {}));
      expect((await flooder.closed).code).toBe(4205);

      expect(await storedBodyText(document.id)).toBe("Stable text");
      const from = watcher.received.length;
      appendParagraph(writer.document, "Still serving");
      await waitForSaved(writer);
      await waitFor(() => watcher.received.slice(from).some((message) => message.type === MessageType.Sync && message.syncType === 2), { message: "edit relayed" });
      expect(watcher.isOpen).toBe(true);
      expect(bodyText(writer.document)).toBe("Stable text\nStill serving");
    } finally {
      closeClient(writer);
    }
  });
});
