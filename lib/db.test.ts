import fs from "node:fs";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestDocument, lockSqliteDatabase } from "@/lib/testing/collaboration";

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
});

afterAll(async () => {
  await testDatabase?.drop();
});

test("after SQLite answered busy, the next write through db() is committed, not left in an open transaction", async () => {
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId });
  const lock = await lockSqliteDatabase(testDatabase.url);
  try {
    await expect(db().documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([1]) } })).rejects.toMatchObject({ code: "P1008" });
  } finally {
    await lock.release();
  }
  await db().documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([2]) } });

  // Read through a connection of its own, as another process (or the next start) would.
  const reader = createClient({ url: testDatabase.url });
  try {
    const { rows } = await reader.execute({ sql: 'SELECT count(*) AS stored FROM "DocumentUpdate" WHERE "documentId" = ?', args: [document.id] });
    expect(Number(rows[0].stored)).toBe(1);
  } finally {
    reader.close();
  }
});

test("the same after a raw statement met the lock", async () => {
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId });
  const lock = await lockSqliteDatabase(testDatabase.url);
  try {
    await expect(db().$executeRaw`UPDATE "Document" SET "title" = 'Locked' WHERE "id" = ${document.id}`).rejects.toMatchObject({ code: "P2010" });
  } finally {
    await lock.release();
  }
  await db().documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([3]) } });

  const reader = createClient({ url: testDatabase.url });
  try {
    const { rows } = await reader.execute({ sql: 'SELECT count(*) AS stored FROM "DocumentUpdate" WHERE "documentId" = ?', args: [document.id] });
    expect(Number(rows[0].stored)).toBe(1);
  } finally {
    reader.close();
  }
});

test("a write that meets another process's short lock waits for it and is committed", async () => {
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId });
  const lock = await lockSqliteDatabase(testDatabase.url, { releaseAfterMs: 300 });
  const started = Date.now();
  await db().documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([4]) } });
  const finished = Date.now();
  const releasedAt = await lock.released;
  // Started while the other process held the lock, finished once it let go (both clocks are this machine's).
  expect(started).toBeLessThan(releasedAt);
  expect(finished).toBeGreaterThanOrEqual(releasedAt);
  expect(await db().documentUpdate.count({ where: { documentId: document.id } })).toBe(1);
});

test("transactions reuse the client's connection: the database file is not opened again for each", async () => {
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId });
  const databaseFile = fs.realpathSync(testDatabase.url.replace(/^file:/, ""));
  const openHandles = () => fs.readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === databaseFile;
    } catch {
      return false; // closed while listing
    }
  }).length;
  await db().$transaction(async (transaction) => transaction.document.findUniqueOrThrow({ where: { id: document.id } }));
  const before = openHandles();
  for (let index = 0; index < 50; index += 1) {
    await db().$transaction(async (transaction) => transaction.documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([index]) } }));
  }
  expect(openHandles()).toBeLessThanOrEqual(before);
});

test("the database is in the write-ahead log, and a commit still waits for the disk (synchronous FULL)", async () => {
  const [{ journal_mode: journalMode }] = await db().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [{ synchronous }] = await db().$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  expect(journalMode).toBe("wal");
  expect(Number(synchronous)).toBe(2);
});

test("while another process holds the write lock (a backup, a long write), reads are answered beside it", async () => {
  const document = await createTestDocument(db(), { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Read during the lock"] });
  const lock = await lockSqliteDatabase(testDatabase.url);
  try {
    // In the rollback journal this read waited out the busy timeout and failed (P1008).
    await expect(db().document.findUniqueOrThrow({ where: { id: document.id }, select: { id: true } })).resolves.toEqual({ id: document.id });
    await expect(db().documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([5]) } })).rejects.toMatchObject({ code: "P1008" });
  } finally {
    await lock.release();
  }
});
