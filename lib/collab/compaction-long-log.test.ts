import { afterAll, describe, expect, test, vi } from "vitest";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { createTestDocument, storedBodyText, storeLongLog } from "@/lib/testing/collaboration";
import { compactDocumentUpdates, foldDocumentLog, storeFoldedLog } from "@/lib/collab/persistence";
import { db } from "@/lib/db";

// With CI=true a missing PostgreSQL fails rather than skips.
const hasPostgres = await isPostgresAvailable();
const LOGGED_UPDATES = 2_600;

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

/**
 * A log longer than SQLite's 999 bound parameters (three people typing before the first store, or a
 * crash, leave one): compaction must still fold it, in runs of at most 2,000 rows, and let the
 * event loop turn while it does.
 */
async function compactLongLog(create: () => Promise<TestDatabase>) {
  const testDatabase = await create();
  databases.push(testDatabase);
  const author = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Base"] });
  await storeLongLog(testDatabase.database, { documentId: document.id, userId: author.id, count: LOGGED_UPDATES });

  // Turns of the event loop, counted while the first run compacts 2,000 rows: each is a chance for the server to relay an edit.
  let turn = 0;
  let isCompacting = true;
  const countTurns = () => {
    turn += 1;
    if (isCompacting) setImmediate(countTurns);
  };
  setImmediate(countTurns);
  const readTurns: number[] = [];
  const findMany = db().documentUpdate.findMany.bind(db().documentUpdate);
  const reads = vi.spyOn(db().documentUpdate, "findMany").mockImplementation(((...args: Parameters<typeof findMany>) => {
    readTurns.push(turn);
    return findMany(...args);
  }) as typeof findMany);
  const fold = (await foldDocumentLog({ documentId: document.id }))!;
  reads.mockRestore();
  // Read in slices of 250 rows, each in a turn of its own (the folding happens in a worker).
  expect(readTurns).toHaveLength(2_000 / 250);
  expect(new Set(readTurns).size).toBe(readTurns.length);
  const turnsBeforeStoring = turn;
  const first = await storeFoldedLog(fold);
  isCompacting = false;
  // Deleted in slices of 250 rows with a turn between them.
  expect(turn - turnsBeforeStoring).toBeGreaterThanOrEqual(2_000 / 250);
  const second = await compactDocumentUpdates({ documentId: document.id });
  expect([first.folded, second.folded]).toEqual([2_000, LOGGED_UPDATES - 2_000]);
  expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
  const lines = (await storedBodyText(document.id)).split("\n");
  expect(lines).toHaveLength(LOGGED_UPDATES + 1);
  expect(lines.at(-1)).toBe(`line ${LOGGED_UPDATES - 1}`);
}

describe("compacting a log past the database's parameter limit", () => {
  test("on SQLite", () => compactLongLog(createSqliteTestDatabase), 120_000);
  test.runIf(hasPostgres)("on PostgreSQL", () => compactLongLog(createPostgresTestDatabase), 120_000);
});
