import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";

/**
 * Applies the committed SQL migrations in order, once each, recording them in `_accord_migrations`,
 * then runs `afterMigrations` (reference and demo data) while still holding the lock.
 *
 * Prisma's own `migrate deploy` cannot run here against PostgreSQL through the driver adapter
 * (an upstream gap), so both backends use this small runner. On PostgreSQL an advisory lock
 * serialises several instances starting at once, so each migration and the seeding that checks
 * "is the database empty?" before writing run in one instance at a time, exactly once.
 */
export async function migrateDatabase({ databaseUrl, migrationsRoot = defaultMigrationsRoot(), afterMigrations, sqliteJournal = "write-ahead" }: {
  databaseUrl: string;
  migrationsRoot?: string;
  afterMigrations?: () => Promise<void>;
  /** SQLite only: tests of a database that stops answering keep the rollback journal, where another process's lock stops reads too. */
  sqliteJournal?: "write-ahead" | "rollback";
}): Promise<string[]> {
  const isSqlite = databaseUrl.startsWith("file:");
  const migrations = readMigrations(path.join(migrationsRoot, isSqlite ? "sqlite" : "postgres"));
  if (!isSqlite) return migratePostgres(databaseUrl, migrations, afterMigrations);
  // The embedded database serves one process (README, known limits): nothing to serialise with.
  const applied = await migrateSqlite(databaseUrl, migrations, sqliteJournal);
  await afterMigrations?.();
  return applied;
}

type Migration = { name: string; sql: string };

function defaultMigrationsRoot(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

function readMigrations(directory: string): Migration[] {
  return fs
    .readdirSync(directory)
    .filter((entry) => /^\d{4}_[a-z0-9_]+$/.test(entry))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(directory, name, "migration.sql"), "utf8") }));
}

async function migrateSqlite(databaseUrl: string, migrations: Migration[], journal: "write-ahead" | "rollback"): Promise<string[]> {
  const filePath = databaseUrl.replace(/^file:/, "");
  fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const client = createClient({ url: databaseUrl });
  try {
    // Write-ahead log: a commit appends its pages to the log with one fsync (synchronous stays FULL,
    // so "Saved" still means on disk) instead of journalling and rewriting them with four, and
    // readers in other processes (`npm run audit:verify`) and writers no longer block each other.
    // The mode is kept in the file, so every later connection, in any process, uses it too.
    await client.execute(journal === "write-ahead" ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
    await client.execute(
      "CREATE TABLE IF NOT EXISTS _accord_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set((await client.execute("SELECT name FROM _accord_migrations")).rows.map((row) => String(row.name)));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      const transaction = await client.transaction("write");
      try {
        await transaction.executeMultiple(migration.sql);
        await transaction.execute({
          sql: "INSERT INTO _accord_migrations (name, applied_at) VALUES (?, ?)",
          args: [migration.name, new Date().toISOString()],
        });
        await transaction.commit();
      } catch (error) {
        await transaction.rollback();
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    client.close();
  }
}

// Any constant works; it only has to be the same for every Accord instance.
const MIGRATION_LOCK_KEY = 7_314_2020;

async function migratePostgres(databaseUrl: string, migrations: Migration[], afterMigrations?: () => Promise<void>): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS _accord_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
    );
    const applied = new Set((await client.query<{ name: string }>("SELECT name FROM _accord_migrations")).rows.map((row) => row.name));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query("INSERT INTO _accord_migrations (name, applied_at) VALUES ($1, now())", [migration.name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      newlyApplied.push(migration.name);
    }
    // Through the app's own client (other connections); the lock held here still keeps other instances out.
    await afterMigrations?.();
    return newlyApplied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
