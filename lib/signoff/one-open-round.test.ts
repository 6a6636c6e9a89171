import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDocument } from "@/lib/documents/create-document";
import { AppError } from "@/lib/errors";
import { closeRound } from "@/lib/signoff/close-round";
import { openRound } from "@/lib/signoff/open-round";
import { createTestActor } from "@/lib/testing/actors";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createVersion } from "@/lib/versions/create-version";

// With CI=true a missing PostgreSQL fails instead of skipping.
const hasPostgres = await isPostgresAvailable();

async function setUp(testDatabase: TestDatabase) {
  const secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  const { id: documentId } = await createDocument({ actor: secretariat, title: "One open round", template: "memorandum" });
  const version = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
  return { secretariat, documentId, versionId: version.id };
}

describe.each([
  { backend: "SQLite", isAvailable: true, create: createSqliteTestDatabase },
  { backend: "PostgreSQL", isAvailable: hasPostgres, create: createPostgresTestDatabase },
])("one open sign-off round per document on $backend", ({ backend, isAvailable, create }) => {
  it.runIf(isAvailable)(`the database refuses a second open round written behind Accord's back (${backend})`, async () => {
    const testDatabase = await create();
    try {
      const { database } = testDatabase;
      const { secretariat, documentId, versionId } = await setUp(testDatabase);
      const first = await openRound({ actor: secretariat, documentId, versionId });
      const row = { documentId, versionId, openedById: secretariat.id };

      await expect(database.signOffRound.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
      // Closed rounds are not limited, and once the first closes another may open.
      await database.signOffRound.create({ data: { ...row, status: "CLOSED" } });
      await closeRound({ actor: secretariat, roundId: first.id });
      await database.signOffRound.create({ data: row });
      expect(await database.signOffRound.count({ where: { documentId, status: "OPEN" } })).toBe(1);
    } finally {
      await testDatabase.drop();
    }
  }, 60_000);
});

describe.runIf(hasPostgres)("one open sign-off round per document, racing on PostgreSQL", () => {
  it("answers CONFLICT when a round opened concurrently commits after the check passed", async () => {
    const testDatabase = await createPostgresTestDatabase();
    const racer = new pg.Client({ connectionString: testDatabase.url });
    await racer.connect();
    try {
      const { secretariat, documentId, versionId } = await setUp(testDatabase);
      // Another writer has inserted an open round but not committed: openRound's check cannot see it yet.
      await racer.query("BEGIN");
      await racer.query(
        `INSERT INTO "SignOffRound" ("id", "documentId", "versionId", "status", "openedById", "openedAt") VALUES ('racing-round', $1, $2, 'OPEN', $3, now())`,
        [documentId, versionId, secretariat.id],
      );
      const opening = openRound({ actor: secretariat, documentId, versionId }).then(
        () => null,
        (error: unknown) => error,
      );
      // Wait until openRound's insert is blocked on the index, then let the other writer commit.
      const database = new URL(testDatabase.url).pathname.slice(1);
      for (;;) {
        const { rows } = await racer.query(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
          [database],
        );
        if (rows[0].waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await racer.query("COMMIT");

      const error = await opening;
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "CONFLICT", message: "A sign-off round is already open on this document. Close it before opening another." });
      expect(await testDatabase.database.signOffRound.count({ where: { documentId, status: "OPEN" } })).toBe(1);
    } finally {
      await racer.end();
      await testDatabase.drop();
    }
  }, 60_000);
});
