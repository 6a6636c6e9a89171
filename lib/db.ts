import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/sqlite";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgres";
import { env } from "@/lib/env";

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Both generated clients expose the same models; the SQLite client's types stand for both.
 * The cast is safe because prisma/postgres/schema.prisma is generated from the same datamodel.
 */
export function createDatabase(databaseUrl: string): Database {
  if (databaseUrl.startsWith("file:")) {
    return new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl }) });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresPrismaClient({ adapter }) as unknown as Database;
}

const globalForDatabase = globalThis as unknown as { accordDatabase?: Database };

/** The process's one database client (shared by Next.js and the collaboration server). */
export function db(): Database {
  globalForDatabase.accordDatabase ??= createDatabase(env().DATABASE_URL);
  return globalForDatabase.accordDatabase;
}

/** Replaces the process's client; used by integration tests that create their own database. */
export function installDatabase(database: Database): void {
  globalForDatabase.accordDatabase = database;
}
