import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { MessageType } from "@hocuspocus/server";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  lockSqliteDatabase,
  recordReceivedMessages,
  sessionCookieFor,
  startInProcessCollaboration,
  storedBodyText,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
} from "@/lib/testing/collaboration";
import { CLOSE_CODES } from "@/lib/collab/protocol";
import { appendStatistics } from "@/lib/collab/persistence";
import type { CollaborationEvent } from "@/lib/collab/server";
import type { Actor } from "@/lib/policy";
import { db } from "@/lib/db";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegate: Actor;
const events: { event: CollaborationEvent; during: unknown }[] = [];
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  // A database that stops answering refuses reads as well as writes: in the write-ahead log the app
  // runs on, reads pass beside another process's lock (lib/db.test.ts); in the rollback journal they wait.
  testDatabase = await createSqliteTestDatabase({ journal: "rollback" });
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  server = await startInProcessCollaboration({ log: (event, details) => events.push({ event, during: details.during }) });
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function openDocument() {
  // db(), not testDatabase.database: after SQLite answered "busy", the process's client is a fresh one (lib/db.ts).
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
  const closes: number[] = [];
  const client = connectProvider({
    url: server.url,
    documentId: document.id,
    cookie: await sessionCookieFor(db(), delegate.id),
    onClose: ({ event }) => closes.push(event.code),
  });
  clients.push(client);
  const received = recordReceivedMessages(client);
  await waitForSaved(client);
  return { document, client, closes, received };
}

describe("when the database stops answering", () => {
  test("a briefly locked database delays the acknowledgement and the edit is stored once it answers", async () => {
    const { document, client, closes, received } = await openDocument();
    const lock = await lockSqliteDatabase(testDatabase.url);
    const failedBefore = appendStatistics.failedAttempts;
    try {
      const from = received.length;
      appendParagraph(client.document, "Typed while locked");
      await waitFor(() => appendStatistics.failedAttempts > failedBefore, { message: "the commit to meet the lock" });
      // Then a change of presence on the same socket: the server handles it after the edit and sends it
      // back after anything it sent before, so an acknowledgement of the edit would have arrived first.
      client.setAwarenessField("probe", 1);
      await waitFor(() => received.slice(from).some((message) => message.type === MessageType.Awareness), { message: "the presence to come back" });
      // Not stored yet, so not acknowledged: the client still shows "Saving…".
      expect(received.slice(from).some((message) => message.type === MessageType.SyncStatus)).toBe(false);
      expect(client.unsyncedChanges).toBeGreaterThan(0);
    } finally {
      await lock.release();
    }
    await waitForSaved(client);
    expect(await storedBodyText(document.id)).toBe("Preamble\nTyped while locked");
    expect(closes).toEqual([]);
  });

  test("a longer outage closes the socket with 4503; the client keeps its edit and it is stored once after recovery", async () => {
    const { document, client, closes } = await openDocument();
    const eventsBefore = events.length;
    const refusedReconnections = () => events.slice(eventsBefore).filter(({ event, during }) => event === "database-unavailable" && during === "upgrade").length;
    const lock = await lockSqliteDatabase(testDatabase.url);
    try {
      appendParagraph(client.document, "Typed during the outage");
      await waitFor(() => closes.includes(CLOSE_CODES.temporarilyUnavailable), { timeoutMs: 10_000, message: "the client to be told" });
      expect(client.unsyncedChanges).toBeGreaterThan(0);
      // Reconnection attempts during the outage are refused (the session cannot be read) without taking anything down.
      await waitFor(() => refusedReconnections() >= 2, { message: "two refused reconnection attempts" });
      expect(closes.filter((code) => code === CLOSE_CODES.temporarilyUnavailable)).toHaveLength(1);
    } finally {
      await lock.release();
    }
    await waitForSaved(client, 20_000);
    expect(await storedBodyText(document.id)).toBe("Preamble\nTyped during the outage");
    expect(events).toContainEqual({ event: "database-unavailable", during: "append" });
  });

  test("updates arriving during a slow commit are relayed at once and then stored together, one connection's included", async () => {
    const { document, client } = await openDocument();
    const reader = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(db(), delegate.id) });
    clients.push(reader);
    await waitForSaved(reader);
    const lock = await lockSqliteDatabase(testDatabase.url);
    const commitsBefore = appendStatistics.commits;
    try {
      for (let index = 1; index <= 30; index += 1) appendParagraph(client.document, `Clause ${index}`);
      // Each paragraph is its own update message from the one connection; the reader sees them all while nothing can be stored.
      await waitFor(() => bodyText(reader.document).endsWith("Clause 30"), { message: "the relay of every update" });
      expect(client.unsyncedChanges).toBeGreaterThan(0);
    } finally {
      await lock.release();
    }
    await waitForSaved(client);
    // The first update may have gone alone into the attempt that met the lock; the rest share one commit.
    expect(appendStatistics.commits - commitsBefore).toBeLessThanOrEqual(2);
    expect(await storedBodyText(document.id)).toBe(["Preamble", ...Array.from({ length: 30 }, (_, index) => `Clause ${index + 1}`)].join("\n"));
  });
});
