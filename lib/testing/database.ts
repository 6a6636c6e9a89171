import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, installDatabase, type Database } from "@/lib/db";
import { migrateDatabase } from "@/lib/database/migrate";
import { ensureReferenceData } from "@/lib/database/reference-data";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { database: Database; url: string; workingGroupId: string; drop: () => Promise<void> };

/**
 * A fresh, migrated SQLite database in a temporary file, installed as the process's client: in the
 * write-ahead log like the app's, or in SQLite's rollback journal (`migrateDatabase`'s `sqliteJournal`).
 */
export async function createSqliteTestDatabase({ journal = "write-ahead" }: { journal?: "write-ahead" | "rollback" } = {}): Promise<TestDatabase> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-test-"));
  const url = `file:${path.join(directory, "test.db")}`;
  await migrateDatabase({ databaseUrl: url, sqliteJournal: journal });
  const database = createDatabase(url);
  installDatabase(database);
  const { workingGroupId } = await ensureReferenceData(database);
  return {
    database,
    url,
    workingGroupId,
    drop: async () => {
      await database.$disconnect();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Whether the machine's PostgreSQL answers. With CI=true a missing server is a failure, not a skip. */
export async function isPostgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`PostgreSQL is required in CI but did not answer at ${POSTGRES_ADMIN_URL}: ${(error as Error).message}`);
    return false;
  }
}

/** A fresh PostgreSQL database with its own name, migrated and installed as the process's client. */
export async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const name = `accord_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  await migrateDatabase({ databaseUrl: url });
  const database = createDatabase(url);
  installDatabase(database);
  const { workingGroupId } = await ensureReferenceData(database);
  return {
    database,
    url,
    workingGroupId,
    drop: async () => {
      await database.$disconnect();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
