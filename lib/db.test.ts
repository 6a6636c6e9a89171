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
