import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import * as Y from "yjs";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { appendParagraph, createTestDocument, waitFor } from "@/lib/testing/collaboration";
import { appendDocumentUpdate, appendStatistics, whenDocumentDurable } from "@/lib/collab/persistence";
import type { Actor } from "@/lib/policy";

// Overlapping commits exist only on PostgreSQL; with CI=true a missing server fails.
const hasPostgres = await isPostgresAvailable();

let testDatabase: TestDatabase;
let delegate: Actor;

beforeAll(async () => {
  if (!hasPostgres) return;
  testDatabase = await createPostgresTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
});

afterAll(async () => {
  await testDatabase?.drop();
});

function paragraphUpdate(text: string): Uint8Array {
  const client = new Y.Doc();
  let update: Uint8Array | undefined;
  client.once("update", (captured: Uint8Array) => (update = captured));
  appendParagraph(client, text);
  return update!;
}

/**
 * Holds the document's row lock in a transaction of its own: an INSERT into its log then waits at
 * the foreign key check, which stands for a commit held up on the way to a distant database.
 */
async function holdDocumentLock(documentId: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: testDatabase.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT 1 FROM "Document" WHERE "id" = $1 FOR UPDATE`, [documentId]);
  return {
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

async function loggedRows(documentId: string): Promise<number> {
  return testDatabase.database.documentUpdate.count({ where: { documentId } });
}

describe.runIf(hasPostgres)("group commits on PostgreSQL", () => {
  test("a commit held up does not hold up the next one, and appends still resolve in the order they were queued", async () => {
    const held = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Held"] });
    const free = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Free"] });
    const lock = await holdDocumentLock(held.id);
    const settled: string[] = [];
    let heldAppend: Promise<void>;
    let freeAppend: Promise<void>;
    try {
      heldAppend = appendDocumentUpdate({ documentId: held.id, userId: delegate.id, update: paragraphUpdate("Held up") }).then(() => void settled.push("held"));
      // The first commit is now waiting for the lock inside PostgreSQL.
      await waitFor(async () => (await waitingForLocks()) > 0, { message: "the first commit to wait for the lock" });
      freeAppend = appendDocumentUpdate({ documentId: free.id, userId: delegate.id, update: paragraphUpdate("Not held up") }).then(() => void settled.push("free"));
      // With one commit at a time this row would wait for the lock too.
      await waitFor(async () => (await loggedRows(free.id)) === 1, { message: "the second commit to store its row meanwhile" });
      // Stored, but not acknowledged before the update queued earlier: acknowledgements keep their order.
      await whenQueueTurned();
      expect(settled).toEqual([]);
      expect(await loggedRows(held.id)).toBe(0);
    } finally {
      await lock.release();
    }
    await Promise.all([heldAppend!, freeAppend!, whenDocumentDurable(free.id)]);
    expect(settled).toEqual(["held", "free"]);
    expect(await loggedRows(held.id)).toBe(1);
    expect(appendStatistics.mostCommitsInFlight).toBeGreaterThanOrEqual(2);
  });
});

/** Sessions of this test database waiting for a lock. */
async function waitingForLocks(): Promise<number> {
  const rows = await testDatabase.database.$queryRaw<{ waiting: bigint }[]>`SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return Number(rows[0].waiting);
}

/** Lets every callback already due run (the settling of a commit that has answered included). */
function whenQueueTurned(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
