import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { migrateDatabase } from "@/lib/database/migrate";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { yjsStateFromJson, jsonFromYjsState } from "@/lib/documents/content";

const backends: [string, () => Promise<TestDatabase>, () => Promise<boolean>][] = [
  ["SQLite", createSqliteTestDatabase, async () => true],
  ["PostgreSQL", createPostgresTestDatabase, isPostgresAvailable],
];

describe.each(backends)("migrations and queries on %s", (_name, create, isAvailable) => {
  let testDatabase: TestDatabase | undefined;
  afterAll(async () => testDatabase?.drop());

  it("migrates a new database, is idempotent, and serves the models", async (context) => {
    // Outside CI a developer without PostgreSQL skips; in CI isPostgresAvailable throws instead.
    if (!(await isAvailable())) return context.skip();
    testDatabase = await create();
    const { database, url, workingGroupId } = testDatabase;

    expect(await migrateDatabase({ databaseUrl: url })).toEqual([]);
    expect(await database.organisation.count()).toBe(ORGANISATIONS.length);

    const delegate = await createTestActor(database, { role: "DELEGATE", organisationCode: "XK" });
    const state = yjsStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Članak 1 — ščćžđ" }] }] });
    const document = await database.document.create({
      data: { workingGroupId, kind: "MOU", title: "Test", yjsState: Buffer.from(state), createdById: delegate.id },
    });
    const reloaded = await database.document.findUniqueOrThrow({ where: { id: document.id }, include: { createdBy: { include: { organisation: true } } } });
    expect(reloaded.createdBy?.organisation.name).toBe("Kosovo*");
    expect(JSON.stringify(jsonFromYjsState(reloaded.yjsState!))).toContain("Članak 1 — ščćžđ");

    const first = await database.documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([1, 2, 3]), userId: delegate.id } });
    const second = await database.documentUpdate.create({ data: { documentId: document.id, update: Buffer.from([4]) } });
    expect(second.id).toBeGreaterThan(first.id);
    expect([...(await database.documentUpdate.findUniqueOrThrow({ where: { id: first.id } })).update]).toEqual([1, 2, 3]);
  });
});

describe("PostgreSQL migrations under concurrent starts", () => {
  it("applies each migration once when several instances start together", async (context) => {
    if (!(await isPostgresAvailable())) return context.skip();
    const testDatabase = await createPostgresTestDatabase();
    try {
      // createPostgresTestDatabase already migrated; wipe the record to force a fresh concurrent run.
      const client = new pg.Client({ connectionString: testDatabase.url });
      await client.connect();
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      await client.end();
      await testDatabase.database.$disconnect();
      const results = await Promise.all([1, 2, 3].map(() => migrateDatabase({ databaseUrl: testDatabase.url })));
      const applied = results.flat();
      expect(applied.filter((name) => name === "0001_init")).toHaveLength(1);
    } finally {
      await testDatabase.drop();
    }
  });
});

describe("SQLite's journal", () => {
  it("a database file from before the write-ahead log is moved to it at the next start, its applied migrations kept", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-journal-"));
    const databaseUrl = `file:${path.join(directory, "accord.db")}`;
    const journalMode = async () => {
      const client = createClient({ url: databaseUrl });
      try {
        return String((await client.execute("PRAGMA journal_mode")).rows[0]!.journal_mode);
      } finally {
        client.close();
      }
    };
    try {
      await migrateDatabase({ databaseUrl, sqliteJournal: "rollback" });
      expect(await journalMode()).toBe("delete");
      const applied = await migrateDatabase({ databaseUrl });
      expect(applied).toEqual([]);
      expect(await journalMode()).toBe("wal");
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
