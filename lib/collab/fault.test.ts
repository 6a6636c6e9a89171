import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  sessionCookieFor,
  startCollaborationProcess,
  lockSqliteDatabase,
  storedBodyText,
  storeLongLog,
  waitFor,
  waitForSaved,
  type ServerProcess,
} from "@/lib/testing/collaboration";
import type { Actor } from "@/lib/policy";

const CLIENTS = 20;

let testDatabase: TestDatabase;
let delegates: Actor[];
const servers: ServerProcess[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode })));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill("SIGKILL")));
  await testDatabase?.drop();
});

async function startServer(port?: number): Promise<ServerProcess> {
  const server = await startCollaborationProcess({ databaseUrl: testDatabase.url, port });
  servers.push(server);
  return server;
}

/** Resolves when the provider's unsynced-changes counter next reaches zero (everything acknowledged). */
function nextSaved(provider: HocuspocusProvider): Promise<void> {
  return new Promise((resolve) => {
    const handle = ({ number }: { number: number }) => {
      if (number !== 0) return;
      provider.off("unsyncedChanges", handle);
      resolve();
    };
    provider.on("unsyncedChanges", handle);
  });
}

function occurrences(text: string, token: string): number {
  return text.split("\n").filter((line) => line === token).length;
}

describe("fault tolerance", () => {
  test("after SIGKILL every acknowledged token is in the document exactly once", async () => {
    await expectNothingAcknowledgedLostAfterKill(testDatabase, delegates, startServer);
  });

  test("a client keeps editing while the server is down, and the edits arrive when it is back", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Before the outage"] });
    const server = await startServer();
    const client = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegates[1].id) });
    try {
      await waitForSaved(client, 20_000);
      await server.kill("SIGKILL");

      appendParagraph(client.document, "Written offline, first");
      appendParagraph(client.document, "Written offline, second");
      expect(client.unsyncedChanges).toBeGreaterThan(0);
      expect(await storedBodyText(document.id)).toBe("Before the outage");

      const restarted = await startServer(server.port);
      await waitForSaved(client, 30_000);
      expect(await storedBodyText(document.id)).toBe("Before the outage\nWritten offline, first\nWritten offline, second");
      await restarted.kill();
    } finally {
      closeClient(client);
    }
  });

  test("an edit is relayed before its commit; if the server dies before the commit, the editors that saw it bring it back", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Relayed"] });
    const server = await startServer();
    const cookieFor = (index: number) => sessionCookieFor(testDatabase.database, delegates[index].id);
    const author = connectProvider({ url: server.url, documentId: document.id, cookie: await cookieFor(0) });
    const reader = connectProvider({ url: server.url, documentId: document.id, cookie: await cookieFor(1) });
    let restarted: ServerProcess | undefined;
    try {
      await Promise.all([waitForSaved(author, 20_000), waitForSaved(reader, 20_000)]);
      // Another process holds SQLite's write lock, so no commit can happen meanwhile.
      const lock = await lockSqliteDatabase(testDatabase.url);
      try {
        appendParagraph(author.document, "Seen before it was stored");
        await waitFor(() => bodyText(reader.document).includes("Seen before it was stored"), { timeoutMs: 10_000, message: "the relay" });
        // The reader has it, while the author still waits for "Saved" and the database has nothing.
        expect(author.unsyncedChanges).toBeGreaterThan(0);
        await server.kill("SIGKILL");
      } finally {
        await lock.release();
      }
      expect(await storedBodyText(document.id)).toBe("Relayed");
      // The author is gone for good; only the reader still holds the edit.
      closeClient(author);

      restarted = await startServer(server.port);
      await waitForSaved(reader, 30_000);
      expect(await storedBodyText(document.id)).toBe("Relayed\nSeen before it was stored");
      expect(bodyText(reader.document)).toBe("Relayed\nSeen before it was stored");
    } finally {
      closeClient(author);
      closeClient(reader);
      await restarted?.kill();
    }
  });

  test("SIGTERM lets the compaction under way finish before the process exits", async () => {
    // A log long enough that folding it takes a while (a crash, or another instance, left it).
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Draft"] });
    await storeLongLog(testDatabase.database, { documentId: document.id, userId: delegates[0].id, count: 2_000 });

    const server = await startServer();
    const client = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegates[0].id) });
    try {
      // Loading a document with a long log starts folding it; the client has the text soon after.
      await waitFor(() => bodyText(client.document).includes("line 1999"), { timeoutMs: 20_000, message: "the text" });
      await server.kill("SIGTERM");
    } finally {
      closeClient(client);
    }
    // The process exited after the fold was stored: nothing of the log is left, and nothing was lost.
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    expect(await storedBodyText(document.id)).toContain("line 1999");
  });
});

// PostgreSQL runs several commits at once (lib/collab/persistence.ts): a row with a lower id can
// commit after one with a higher id. Last in this file, since it installs PostgreSQL as the process's client.
const hasPostgres = await isPostgresAvailable();

describe.runIf(hasPostgres)("fault tolerance on PostgreSQL", () => {
  let postgresDatabase: TestDatabase;
  let postgresDelegates: Actor[];

  beforeAll(async () => {
    postgresDatabase = await createPostgresTestDatabase();
    postgresDelegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(postgresDatabase.database, { role: "DELEGATE", organisationCode })));
  });

  afterAll(async () => {
    await postgresDatabase?.drop();
  });

  test("after SIGKILL every acknowledged token is in the document exactly once", async () => {
    await expectNothingAcknowledgedLostAfterKill(postgresDatabase, postgresDelegates, async (port) => {
      const server = await startCollaborationProcess({ databaseUrl: postgresDatabase.url, port });
      servers.push(server);
      return server;
    });
  });
});

/**
 * Twenty clients write tokens, each waiting for its acknowledgement before the next; the server is
 * killed mid-stream. Every acknowledged token must be stored exactly once, and nothing twice.
 */
async function expectNothingAcknowledgedLostAfterKill(testDatabase: TestDatabase, delegates: Actor[], startServer: (port?: number) => Promise<ServerProcess>): Promise<void> {
  const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Tokens"] });
  const server = await startServer();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) =>
      connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegates[index % delegates.length].id) }),
    ),
  );
  await Promise.all(clients.map((client) => waitForSaved(client, 20_000)));

  const acknowledged = new Set<string>();
  const sent = new Set<string>();
  let isRunning = true;
  const writers = clients.map(async (client, index) => {
    for (let count = 0; isRunning; count += 1) {
      const token = `token-${index}-${count}`;
      const saved = nextSaved(client);
      appendParagraph(client.document, token);
      sent.add(token);
      await saved;
      // The server only acknowledges after the update is committed; a client killed now still counts it as saved.
      if (isRunning) acknowledged.add(token);
    }
  });
  await waitFor(() => acknowledged.size > CLIENTS * 2, { timeoutMs: 30_000, message: "a few rounds of acknowledged tokens" });
  // Killed mid-stream: some tokens are in flight, sent but not yet acknowledged.
  await server.kill("SIGKILL");
  isRunning = false;
  for (const client of clients) closeClient(client);
  void Promise.allSettled(writers);

  expect(acknowledged.size).toBeGreaterThan(CLIENTS * 2);
  // Each client always has exactly one token in flight, so the kill caught 20 unacknowledged ones.
  expect(sent.size - acknowledged.size).toBe(CLIENTS);

  const restarted = await startServer();
  const stored = await storedBodyText(document.id);
  const missing = [...acknowledged].filter((token) => occurrences(stored, token) !== 1);
  expect(missing).toEqual([]);
  const duplicated = [...sent].filter((token) => occurrences(stored, token) > 1);
  expect(duplicated).toEqual([]);

  // And the restarted server serves exactly that document.
  const reader = connectProvider({ url: restarted.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegates[0].id) });
  try {
    await waitForSaved(reader, 20_000);
    expect(bodyText(reader.document)).toBe(stored);
  } finally {
    closeClient(reader);
    await restarted.kill();
  }
}
