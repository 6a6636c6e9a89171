import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  lockSqliteDatabase,
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
const events: CollaborationEvent[] = [];
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  server = await startInProcessCollaboration({ log: (event) => events.push(event) });
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
  await waitForSaved(client);
  return { document, client, closes };
}

describe("when the database stops answering", () => {
  test("a briefly locked database delays the acknowledgement and the edit is stored once it answers", async () => {
    const { document, client, closes } = await openDocument();
    const lock = await lockSqliteDatabase(testDatabase.url);
    try {
      appendParagraph(client.document, "Typed while locked");
      await new Promise((resolve) => setTimeout(resolve, 700));
      // Not stored yet, so not acknowledged: the client still shows "Saving…".
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
    const lock = await lockSqliteDatabase(testDatabase.url);
    try {
      appendParagraph(client.document, "Typed during the outage");
      await waitFor(() => closes.includes(CLOSE_CODES.temporarilyUnavailable), { timeoutMs: 10_000, message: "the client to be told" });
      expect(client.unsyncedChanges).toBeGreaterThan(0);
      // Reconnection attempts during the outage are refused without taking anything down.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await lock.release();
    }
    await waitForSaved(client, 20_000);
    expect(await storedBodyText(document.id)).toBe("Preamble\nTyped during the outage");
    expect(events).toContain("database-unavailable");
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
