import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "@/lib/documents/create-document";
import { openRound } from "@/lib/signoff/open-round";
import { recordSignOff } from "@/lib/signoff/record-sign-off";
import { createTestActor } from "@/lib/testing/actors";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createVersion } from "@/lib/versions/create-version";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

/** Runs `npm run audit:verify` against the test database; resolves with its exit code and output. */
async function verifyCommand(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout } = await run(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/verify-audit.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let testDatabase: TestDatabase;
let versionId: string;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  const secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  const { id: documentId } = await createDocument({ actor: secretariat, title: "Command test", template: "memorandum" });
  ({ id: versionId } = await createVersion({ actor: secretariat, documentId, name: "Draft 1" }));
});
afterAll(() => testDatabase.drop());

describe("npm run audit:verify", () => {
  it("exits 0 on an intact database, non-zero once an entry or a version is altered", async () => {
    const intact = await verifyCommand(testDatabase.url);
    expect(intact.output).toContain("Audit log intact: 2 entries checked.");
    expect(intact.output).toContain("Records intact: 0 sign-off positions and 1 version match the audit entries that recorded them.");
    expect(intact.output).toContain("Versions intact: recomputed 1 version digest from stored content.");
    expect(intact.code).toBe(0);

    const version = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: version.content.replace("Purpose", "Porpoise") } });
    const tamperedVersion = await verifyCommand(testDatabase.url);
    expect(tamperedVersion.code).toBe(1);
    expect(tamperedVersion.output).toContain("Version 1 “Draft 1”");
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: version.content } });

    const [first] = await testDatabase.database.auditEvent.findMany({ orderBy: { id: "asc" }, take: 1 });
    await testDatabase.database.auditEvent.update({ where: { id: first.id }, data: { targetId: "someone-else" } });
    const tamperedLog = await verifyCommand(testDatabase.url);
    expect(tamperedLog.code).toBe(1);
    expect(tamperedLog.output).toContain(`Audit log BROKEN at entry #${first.id}`);
  }, 180_000);
});

// With CI=true a missing PostgreSQL fails instead of skipping.
const hasPostgres = await isPostgresAvailable();

/**
 * Runs SQL as someone with direct database access would, foreign keys not enforced: on SQLite as the
 * sqlite3 shell does (foreign keys off), on PostgreSQL as a superuser
 * with triggers, and so foreign keys, disabled for the session.
 */
async function tamper(url: string, sql: string, ...args: string[]) {
  if (url.startsWith("file:")) {
    const client = createClient({ url });
    try {
      await client.execute("PRAGMA foreign_keys = OFF");
      await client.execute({ sql: sql.replace(/\$\d+/g, "?"), args });
    } finally {
      client.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query(sql, args);
  } finally {
    await client.end();
  }
}

describe.each([
  { backend: "SQLite", isAvailable: true, create: createSqliteTestDatabase },
  { backend: "PostgreSQL", isAvailable: hasPostgres, create: createPostgresTestDatabase },
])("npm run audit:verify on $backend: positions and versions are bound to the audit chain", ({ backend, isAvailable, create }) => {
  it.runIf(isAvailable)(`names a position altered, deleted or inserted and a version deleted in the database (${backend})`, async () => {
    const tampered = await create();
    try {
      const { database, url } = tampered;
      const secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
      const albania = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL" });
      const serbia = await createTestActor(database, { role: "DELEGATE", organisationCode: "RS" });
      const { id: documentId } = await createDocument({ actor: secretariat, title: "Tamper test", template: "memorandum" });
      const draftOne = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
      const draftTwo = await createVersion({ actor: secretariat, documentId, name: "Draft 2" });
      const round = await openRound({ actor: secretariat, documentId, versionId: draftOne.id });
      const albaniaPosition = await recordSignOff({ actor: albania, roundId: round.id, position: "APPROVE" });
      // Recorded twice: the row must match the newer entry, not the first.
      await recordSignOff({ actor: serbia, roundId: round.id, position: "NOT_READY", reason: "Article 5 is unclear." });
      await recordSignOff({ actor: serbia, roundId: round.id, position: "APPROVE" });

      const intact = await verifyCommand(url);
      expect(intact.output).toContain("Records intact: 2 sign-off positions and 2 versions match the audit entries that recorded them.");
      expect(intact.code).toBe(0);

      // Each tampering below is named on its own line of one run (a run of the command takes seconds).
      const albaniaRow = await database.signOff.findUniqueOrThrow({ where: { id: albaniaPosition.id } });
      const serbiaRow = await database.signOff.findUniqueOrThrow({ where: { roundId_organisationCode: { roundId: round.id, organisationCode: "RS" } } });
      const positionLabel = (economy: string, rowId: string) => `Position of ${economy} in sign-off round ${round.id} of document ${documentId} (row ${rowId})`;
      // Altered: an approval turned into "not ready".
      await tamper(url, `UPDATE "SignOff" SET "position" = 'NOT_READY' WHERE "id" = $1`, serbiaRow.id);
      // Deleted.
      await tamper(url, `DELETE FROM "SignOff" WHERE "id" = $1`, albaniaRow.id);
      // Inserted: a position Montenegro never recorded.
      const forged = await database.signOff.create({
        data: { roundId: round.id, organisationCode: "ME", position: "APPROVE", versionDigest: draftOne.digest, recordedById: secretariat.id },
      });
      // Deleted versions: one nobody signed, and the one the round was opened on.
      await tamper(url, `DELETE FROM "DocumentVersion" WHERE "id" = $1`, draftTwo.id);
      await tamper(url, `DELETE FROM "DocumentVersion" WHERE "id" = $1`, draftOne.id);

      const broken = await verifyCommand(url);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`Sign-off BROKEN: ${positionLabel("RS", serbiaRow.id)}: altered since audit entry #`);
      expect(broken.output).toContain(`Sign-off BROKEN: ${positionLabel("AL", albaniaRow.id)}: deleted, though audit entry #`);
      expect(broken.output).toContain(`Sign-off BROKEN: ${positionLabel("ME", forged.id)}: no audit entry records it`);
      expect(broken.output).toContain(`Version BROKEN: Version 2 “Draft 2” of document ${documentId} (row ${draftTwo.id}): deleted, though audit entry #`);
      expect(broken.output).toContain(`Version BROKEN: Version 1 “Draft 1” of document ${documentId} (row ${draftOne.id}): deleted, though audit entry #`);
      // The chain itself is untouched: the rows are what broke.
      expect(broken.output).toContain("Audit log intact");
    } finally {
      await tampered.drop();
    }
  }, 180_000);
});
