import { createClient as createLibsqlClient, type Config as LibsqlConfig } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgres/client";
import { env } from "@/lib/env";

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const sqliteUrls = new WeakMap<Database, string>();

/** How long a new PostgreSQL connection may take; a server that accepts and then says nothing fails after this. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a SQLite statement waits for another process's lock (a backup, `npm run audit:verify`)
 * before failing as busy. libSQL's calls are synchronous, so the wait holds up this process's event
 * loop: long enough for another process's short write, short enough that a long one fails quickly.
 */
const SQLITE_BUSY_TIMEOUT_MS = 1_000;

/**
 * Prisma's libSQL adapter with the current @libsql/client in place of the one it bundles: that one
 * opens a fresh connection after every transaction (180 of 199 commits did, and open handles grew
 * into the thousands until garbage collection) and cannot set a busy timeout. The current client
 * keeps a pool of connections that are reused, and takes `timeout` (SQLite's busy timeout); its API
 * is the one the adapter calls (execute, transaction, executeMultiple, close).
 */
class PooledLibsqlAdapter extends PrismaLibSQL {
  constructor(private readonly pooledConfig: LibsqlConfig) {
    super({ url: pooledConfig.url });
  }

  createClient(): ReturnType<PrismaLibSQL["createClient"]> {
    return createLibsqlClient(this.pooledConfig) as unknown as ReturnType<PrismaLibSQL["createClient"]>;
  }
}

/**
 * Both generated clients expose the same models; the SQLite client's types stand for both.
 * The cast is safe because prisma/postgres/schema.prisma is generated from the same datamodel.
 *
 * Every PostgreSQL call is bounded, so a server that stops answering (without resetting the
 * connection) turns into an error the callers already handle (the editor's "Saving…" becomes a
 * reconnect, /api/health says "unreachable") instead of a wait without end: the server cancels a
 * statement after `queryTimeoutMs`, and the client gives up a little later if even that cancel
 * does not come back. SQLite is a local file: a statement that meets another process's lock waits
 * up to `busyTimeoutMs` and then fails as busy, and Prisma bounds interactive transactions (5 s) on both.
 */
export function createDatabase(databaseUrl: string, { queryTimeoutMs = 15_000, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS }: { queryTimeoutMs?: number; busyTimeoutMs?: number } = {}): Database {
  if (databaseUrl.startsWith("file:")) {
    const client = new PrismaClient({ adapter: new PooledLibsqlAdapter({ url: databaseUrl, timeout: busyTimeoutMs }) });
    const database = client.$extends({
      query: {
        async $allOperations({ args, query }) {
          try {
            return await query(args);
          } catch (error) {
            replaceAfterBusyError(database, error);
            throw error;
          }
        },
      },
    }) as unknown as Database;
    sqliteUrls.set(database, databaseUrl);
    return database;
  }
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: Math.min(CONNECT_TIMEOUT_MS, queryTimeoutMs),
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + 1_000,
    // Notices a peer that vanished (cable pulled, host gone) on idle pooled connections too.
    keepAlive: true,
  });
  const database = new PostgresPrismaClient({ adapter }) as unknown as Database;
  return database;
}

/** The file URL of an embedded database's client, or null for PostgreSQL. */
export function sqliteUrlOf(database: Database): string | null {
  return sqliteUrls.get(database) ?? null;
}


const globalForDatabase = globalThis as unknown as { accordDatabase?: Database };

/** The process's one database client (shared by Next.js and the collaboration server). */
export function db(): Database {
  globalForDatabase.accordDatabase ??= createDatabase(env().DATABASE_URL, { queryTimeoutMs: env().ACCORD_DATABASE_TIMEOUT_SECONDS * 1000 });
  return globalForDatabase.accordDatabase;
}

/**
 * After SQLite answered "busy" (another process held the write lock), the libSQL
 * adapter's client is left in a state where its later writes succeed but are never committed: a
 * fresh connection does not see them (lib/db.test.ts shows it). So if that client is the
 * process's client, it is replaced by a fresh one and closed.
 */
function replaceAfterBusyError(broken: Database, error: unknown): void {
  if (!isBusyError(error) || globalForDatabase.accordDatabase !== broken) return;
  globalForDatabase.accordDatabase = createDatabase(sqliteUrls.get(broken)!);
  // At once: the connection left inside its transaction holds SQLite's lock, so every other
  // writer (the update log's worker included) would fail until it is closed.
  void broken.$disconnect().catch(() => undefined);
}

/** SQLite's "database is locked": P1008 from a model query, P2010 with SQLITE_BUSY from a raw one. */
function isBusyError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "P1008" || (code === "P2010" && /SQLITE_BUSY|database is locked/.test(String(message)));
}

/** Replaces the process's client; used by integration tests that create their own database. */
export function installDatabase(database: Database): void {
  globalForDatabase.accordDatabase = database;
}
