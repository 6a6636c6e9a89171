import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  createTestDocument,
  RawCollaborationClient,
  sessionCookieFor,
  startInProcessCollaboration,
  storedBodyText,
  syncFrame,
  TEST_NEXTAUTH_SECRET,
  waitFor,
} from "@/lib/testing/collaboration";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { parseServerMessage, parseUpdateRefusedMessage } from "@/lib/collab/protocol";
import type { CollaborationEvent } from "@/lib/collab/server";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegate: Actor;
let otherDelegate: Actor;
const events: { event: CollaborationEvent; details: Record<string, unknown> }[] = [];
const rawClients: RawCollaborationClient[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  otherDelegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
  server = await startInProcessCollaboration({ log: (event, details) => events.push({ event, details }) });
});

afterAll(async () => {
  for (const client of rawClients) client.close();
  await server?.close();
  await testDatabase?.drop();
});

async function rawClient(actor: Actor, documentId: string): Promise<RawCollaborationClient> {
  const client = await RawCollaborationClient.connect(server.url, { cookie: await sessionCookieFor(testDatabase.database, actor.id) });
  rawClients.push(client);
  expect(await client.authenticate(documentId)).toBe("read-write");
  await client.sync(documentId);
  return client;
}

/** An update made on a copy of the document as stored. */
async function updateOnStored(documentId: string, change: (body: Y.XmlFragment) => void): Promise<Uint8Array> {
  const { loadDocumentState } = await import("@/lib/documents/live-state");
  const document = new Y.Doc();
  Y.applyUpdate(document, (await loadDocumentState(documentId))!.state);
  const before = Y.encodeStateVector(document);
  change(document.getXmlFragment(DOCUMENT_FIELD));
  return Y.encodeStateAsUpdate(document, before);
}

/** The SyncStatus answers (true: applied and stored) the client received since `from`. */
function syncStatusesSince(client: RawCollaborationClient, from: number): boolean[] {
  return client.received
    .slice(from)
    .filter((message) => message.type === MessageType.SyncStatus)
    .map((message) => {
      const decoder = decoding.createDecoder(message.bytes);
      decoding.readVarString(decoder);
      decoding.readVarUint(decoder);
      return decoding.readVarUint(decoder) === 1;
    });
}

const relayedUpdatesSince = (client: RawCollaborationClient, from: number) =>
  client.received.slice(from).filter((message) => message.type === MessageType.Sync && message.syncType === 2);

describe("an update that would break the document", () => {
  test("is not stored, not relayed, the sender is told why, and its socket keeps working", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Article 1"] });
    const watcher = await rawClient(otherDelegate, document.id);
    const attacker = await rawClient(delegate, document.id);
    const watcherFrom = watcher.received.length;
    const attackerFrom = attacker.received.length;

    // The attack: a top-level Y.XmlText in the body fragment, as an update and as a sync step 2.
    attacker.send(syncFrame(document.id, 2, await updateOnStored(document.id, (body) => body.insert(1, [new Y.XmlText("loose")]))));
    attacker.send(syncFrame(document.id, 1, await updateOnStored(document.id, (body) => body.insert(0, [new Y.XmlText("also loose")]))));
    await waitFor(() => syncStatusesSince(attacker, attackerFrom).length === 2, { message: "both answered" });

    expect(syncStatusesSince(attacker, attackerFrom)).toEqual([false, false]);
    const refusals = attacker.received
      .slice(attackerFrom)
      .filter((message) => message.type === MessageType.Stateless)
      .map((message) => parseUpdateRefusedMessage(message.text ?? ""));
    expect(refusals).toMatchObject([
      { type: "accord:update-refused", documentId: document.id, reason: "invalid-document", detail: expect.stringMatching(/not allowed here in "doc"/) },
      { type: "accord:update-refused", reason: "invalid-document" },
    ]);
    expect(events.filter(({ event }) => event === "refused-update").map(({ details }) => details.userId)).toEqual([delegate.id, delegate.id]);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    expect(await storedBodyText(document.id)).toBe("Article 1");
    expect(attacker.isOpen).toBe(true);

    // A valid edit on the same socket afterwards is stored, acknowledged and relayed; the
    // watcher receives that edit and nothing from before it.
    attacker.send(syncFrame(document.id, 2, await updateOnStored(document.id, (body) => appendParagraphTo(body, "Valid afterwards"))));
    await waitFor(() => syncStatusesSince(attacker, attackerFrom).length === 3, { message: "valid edit answered" });
    expect(syncStatusesSince(attacker, attackerFrom)).toEqual([false, false, true]);
    await waitFor(() => relayedUpdatesSince(watcher, watcherFrom).length === 1, { message: "valid edit relayed" });
    expect(await storedBodyText(document.id)).toBe("Article 1\nValid afterwards");
    const watcherCopy = new Y.Doc();
    for (const message of relayedUpdatesSince(watcher, watcherFrom)) {
      const decoder = decoding.createDecoder(message.bytes);
      decoding.readVarString(decoder);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      Y.applyUpdate(watcherCopy, decoding.readVarUint8Array(decoder));
    }
    expect(watcherCopy.getXmlFragment(DOCUMENT_FIELD).toString()).not.toContain("loose");
    expect(watcher.received.slice(watcherFrom).some((message) => message.type === MessageType.Stateless && !parseServerMessage(message.text ?? ""))).toBe(false);
  });
});

function appendParagraphTo(body: Y.XmlFragment, text: string): void {
  const document = body.doc!;
  appendParagraph(document, text);
}
