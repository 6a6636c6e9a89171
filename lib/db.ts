import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgres/client";
import { env } from "@/lib/env";

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** How long a new PostgreSQL connection may take; a server that accepts and then says nothing fails after this. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Both generated clients expose the same models; the SQLite client's types stand for both.
 * The cast is safe because prisma/postgres/schema.prisma is generated from the same datamodel.
 *
 * Every PostgreSQL call is bounded, so a server that stops answering (without resetting the
 * connection) turns into an error the callers already handle (the editor's "Saving…" becomes a
 * reconnect, /api/health says "unreachable") instead of a wait without end: the server cancels a
 * statement after `queryTimeoutMs`, and the client gives up a little later if even that cancel
 * does not come back. SQLite is a local file: a locked database fails at once (the libSQL build
 * has no busy timeout), and Prisma bounds interactive transactions (5 s) on both.
 */
export function createDatabase(databaseUrl: string, { queryTimeoutMs = 15_000 }: { queryTimeoutMs?: number } = {}): Database {
  if (databaseUrl.startsWith("file:")) {
    return new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl }) });
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
  return new PostgresPrismaClient({ adapter }) as unknown as Database;
}

const globalForDatabase = globalThis as unknown as { accordDatabase?: Database };

/** The process's one database client (shared by Next.js and the collaboration server). */
export function db(): Database {
  globalForDatabase.accordDatabase ??= createDatabase(env().DATABASE_URL, { queryTimeoutMs: env().ACCORD_DATABASE_TIMEOUT_SECONDS * 1000 });
  return globalForDatabase.accordDatabase;
}

/** Replaces the process's client; used by integration tests that create their own database. */
export function installDatabase(database: Database): void {
  globalForDatabase.accordDatabase = database;
}
