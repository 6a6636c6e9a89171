import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { MessageType } from "@hocuspocus/server";
import WebSocket from "ws";
import * as Y from "yjs";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  recordReceivedMessages,
  sessionCookieFor,
  startInProcessCollaboration,
  storeLongLog,
  storedBodyText,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
} from "@/lib/testing/collaboration";
import { CLOSE_CODES, parseServerMessage, type ParticipantsMessage } from "@/lib/collab/protocol";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let albania: Actor;
let serbia: Actor;
let commission: Actor;
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL", name: "Arta Delegate" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS", name: "Stefan Delegate" });
  commission = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC", name: "Erik Observer" });
  server = await startInProcessCollaboration({ allowedOrigins: ["https://accord.example"] });
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function join(actor: Actor, documentId: string, options: Partial<Parameters<typeof connectProvider>[0]> = {}) {
  const client = connectProvider({ url: server.url, documentId, cookie: await sessionCookieFor(testDatabase.database, actor.id), ...options });
  clients.push(client);
  return client;
}

describe("collaboration server", () => {
  test("an edit is stored before it is acknowledged, and reaches the other delegate", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Article 1 Purpose"] });
    const writer = await join(albania, document.id);
    const reader = await join(serbia, document.id);
    await waitForSaved(writer);
    await waitForSaved(reader);
    expect(writer.authorizedScope).toBe("read-write");

    appendParagraph(writer.document, "Article 2 Scope");
    await waitForSaved(writer);
    // "Saved" on the client means the database already has it.
    expect(await storedBodyText(document.id)).toBe("Article 1 Purpose\nArticle 2 Scope");
    await waitFor(() => bodyText(reader.document).includes("Article 2 Scope"), { message: "edit to reach the other delegate" });

    const logged = await testDatabase.database.documentUpdate.findMany({ where: { documentId: document.id } });
    // Connecting stores nothing (the sync step 2 of an up-to-date client changes nothing); the edit is one row.
    expect(logged.map((row) => row.userId)).toEqual([albania.id]);
    // On SQLite the "last edited" stamp is written before the acknowledgement too.
    const stamped = await testDatabase.database.document.findUniqueOrThrow({ where: { id: document.id } });
    expect(stamped.lastEditedById).toBe(albania.id);
  });

  test("when the last person leaves, the log is folded into the document state", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Draft"] });
    const writer = await join(albania, document.id);
    await waitForSaved(writer);
    appendParagraph(writer.document, "Amendment one");
    appendParagraph(writer.document, "Amendment two");
    await waitForSaved(writer);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(2);

    closeClient(writer);
    await waitFor(async () => (await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })) === 0, { message: "compaction" });
    const { yjsState } = await testDatabase.database.document.findUniqueOrThrow({ where: { id: document.id } });
    const compacted = new Y.Doc();
    Y.applyUpdate(compacted, new Uint8Array(yjsState!));
    expect(bodyText(compacted)).toBe("Draft\nAmendment one\nAmendment two");
  });

  test("compaction brings in an update stored by an instance that crashed before relaying it", async () => {
    const compactingServer = await startInProcessCollaboration({ compactAfterUpdates: 1 });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Draft"] });
    const client = connectProvider({ url: compactingServer.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, albania.id) });
    try {
      await waitForSaved(client);
      // Another instance stored this update and died before Redis carried it here.
      const elsewhere = new Y.Doc();
      Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(client.document));
      const before = Y.encodeStateVector(elsewhere);
      appendParagraph(elsewhere, "Stored by the crashed instance");
      await testDatabase.database.documentUpdate.create({ data: { documentId: document.id, update: Buffer.from(Y.encodeStateAsUpdate(elsewhere, before)), userId: serbia.id } });

      appendParagraph(client.document, "Typed here");
      await waitForSaved(client);
      await waitFor(() => bodyText(client.document).includes("Stored by the crashed instance"), { timeoutMs: 15_000, message: "the orphaned update to arrive" });
    } finally {
      closeClient(client);
      await compactingServer.close();
    }
  });

  test("shutting down waits for the compaction under way, so it is never cut off", async () => {
    // A log long enough that folding it takes a while (a crash, or another instance, left it).
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Draft"] });
    await storeLongLog(testDatabase.database, { documentId: document.id, userId: albania.id, count: 2_000 });

    const stoppingServer = await startInProcessCollaboration();
    const client = connectProvider({ url: stoppingServer.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, albania.id) });
    try {
      // Loading a document with a long log starts folding it.
      await waitFor(() => stoppingServer.collaboration.compactionsUnderWayCount > 0, { message: "the compaction to start" });
    } finally {
      closeClient(client);
      await stoppingServer.close();
    }
    // Closed means finished: the log is folded into the stored state, none of it left half done.
    expect(stoppingServer.collaboration.compactionsUnderWayCount).toBe(0);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    expect(await storedBodyText(document.id)).toContain("line 1999");
  });

  test("an observer gets a read-only connection whose update is neither stored nor relayed", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Observed text"] });
    const delegate = await join(albania, document.id);
    const observer = await join(commission, document.id);
    const observerMessages = recordReceivedMessages(observer);
    await waitForSaved(delegate);
    await waitFor(() => observer.isSynced, { message: "observer synced" });
    expect(observer.authorizedScope).toBe("readonly");

    const from = observerMessages.length;
    appendParagraph(observer.document, "Observer insertion");
    // The server answers a refused update with SyncStatus(false), once it has decided.
    await waitFor(() => observerMessages.slice(from).some((message) => message.type === MessageType.SyncStatus && message.isStored === false), {
      message: "the server to refuse the observer's update",
    });
    expect(observer.unsyncedChanges).toBeGreaterThan(0);

    // An edit by the delegate, made after that: its acknowledgement reaches the delegate after anything the
    // server relayed to it before, so had the observer's insertion been relayed, the delegate would have it now.
    appendParagraph(delegate.document, "Delegate insertion");
    await waitForSaved(delegate);
    expect(bodyText(delegate.document)).toBe("Observed text\nDelegate insertion");
    expect(await storedBodyText(document.id)).toBe("Observed text\nDelegate insertion");
    const logged = await testDatabase.database.documentUpdate.findMany({ where: { documentId: document.id } });
    expect(logged.map((row) => row.userId)).toEqual([albania.id]);

    // The observer still follows live edits.
    await waitFor(() => bodyText(observer.document).includes("Delegate insertion"), { message: "observer to follow edits" });
  });

  test("approved minutes are read-only even for delegates", async () => {
    const minutes = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, kind: "MINUTES", paragraphs: ["Minutes"] });
    await testDatabase.database.meeting.create({
      data: {
        workingGroupId: testDatabase.workingGroupId,
        title: "Approved meeting",
        startsAt: new Date(),
        endsAt: new Date(),
        format: "ONLINE",
        createdById: albania.id,
        minutesDocumentId: minutes.id,
        minutesStatus: "APPROVED",
      },
    });
    const delegate = await join(albania, minutes.id);
    await waitFor(() => delegate.isSynced, { message: "synced" });
    expect(delegate.authorizedScope).toBe("readonly");
  });

  test("an unknown document is refused as not found", async () => {
    let reason = "";
    await join(albania, "cm0000000000000000000000", { onAuthenticationFailed: ({ reason: refused }) => (reason = refused) });
    await waitFor(() => reason !== "", { message: "refusal" });
    expect(reason).toBe("not-found");
  });

  test("presence shows the session's identity whatever the client claims", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    const impostor = await join(albania, document.id);
    const viewer = await join(serbia, document.id);
    await waitForSaved(impostor);
    await waitForSaved(viewer);
    impostor.setAwarenessField("user", { id: serbia.id, name: "Stefan Delegate", organisationCode: "RS", colour: "#000000" });
    impostor.setAwarenessField("cursor", null);

    await waitFor(() => viewer.awareness!.getStates().has(impostor.document.clientID), { message: "awareness to arrive" });
    const seen = viewer.awareness!.getStates().get(impostor.document.clientID)!;
    expect(seen.user).toEqual({ id: albania.id, name: "Arta Delegate", organisationCode: "AL", colour: "#c8102e" });
  });

  test("everyone, observers included, receives the list of people present", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    let latest: ParticipantsMessage | null = null;
    const delegate = await join(albania, document.id, { onStateless: ({ payload }) => (latest = parseServerMessage(payload) ?? latest) });
    await waitForSaved(delegate);
    const observer = await join(commission, document.id);
    // The same observer in a second tab counts once, with two connections.
    await join(commission, document.id);
    await waitFor(() => observer.isSynced, { message: "observer synced" });

    // Both tabs announce themselves separately; wait for the list that counts the second one.
    await waitFor(
      () => (latest as ParticipantsMessage | null)?.participants.find((person) => person.id === commission.id)?.connections === 2,
      { message: "two participants, the observer with two tabs" },
    );
    expect((latest as ParticipantsMessage | null)?.participants).toEqual([
      { id: albania.id, name: "Arta Delegate", organisationCode: "AL", colour: "#c8102e", canEdit: true, connections: 1 },
      { id: commission.id, name: "Erik Observer", organisationCode: "EC", colour: "#003399", canEdit: false, connections: 2 },
    ]);

    closeClient(observer);
    await waitFor(() => (latest as ParticipantsMessage | null)?.participants.find((person) => person.id === commission.id)?.connections === 1, {
      message: "the list to drop a closed tab",
    });
  });
});

describe("upgrade checks", () => {
  async function openSocket(headers: Record<string, string>) {
    const socket = new WebSocket(server.url, { headers });
    return new Promise<{ status?: number; closeCode?: number; closeReason?: string; isOpen?: boolean }>((resolve) => {
      socket.on("unexpected-response", (_request, response) => resolve({ status: response.statusCode }));
      socket.on("close", (code, reason) => resolve({ closeCode: code, closeReason: reason.toString() }));
      // A pong comes back after everything the server sent before it, such as a close frame: a socket
      // still open when it arrives was accepted.
      socket.on("open", () => socket.ping());
      socket.on("pong", () => {
        if (socket.readyState === WebSocket.OPEN) {
          socket.close();
          resolve({ isOpen: true });
        }
      });
      socket.on("error", () => undefined);
    });
  }

  test("a socket without a session is closed as unauthenticated", async () => {
    expect(await openSocket({})).toEqual({ closeCode: CLOSE_CODES.unauthenticated, closeReason: "unauthenticated" });
    expect(await openSocket({ cookie: "next-auth.session-token=forged" })).toEqual({ closeCode: CLOSE_CODES.unauthenticated, closeReason: "unauthenticated" });
  });

  test("a revoked session is refused", async () => {
    const cookie = await sessionCookieFor(testDatabase.database, albania.id);
    await testDatabase.database.authSession.updateMany({ where: { userId: albania.id, revokedAt: null }, data: { revokedAt: new Date() } });
    expect(await openSocket({ cookie })).toEqual({ closeCode: CLOSE_CODES.unauthenticated, closeReason: "unauthenticated" });
  });

  test("a foreign Origin is refused before the upgrade; the app's own and configured origins pass", async () => {
    const cookie = await sessionCookieFor(testDatabase.database, serbia.id);
    expect(await openSocket({ cookie, origin: "https://evil.example" })).toEqual({ status: 403 });
    expect(await openSocket({ cookie, origin: `http://127.0.0.1:${server.port}` })).toEqual({ isOpen: true });
    expect(await openSocket({ cookie, origin: "https://accord.example" })).toEqual({ isOpen: true });
  });
});
