import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "@/lib/documents/create-document";
import type { Actor } from "@/lib/policy";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";
import { openRound } from "@/lib/signoff/open-round";
import { recordSignOff } from "@/lib/signoff/record-sign-off";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createVersion } from "@/lib/versions/create-version";

let testDatabase: TestDatabase;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let commission: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
  commission = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
});
afterAll(() => testDatabase.drop());

/** SQL as someone with the database file would run it, foreign keys not enforced (the sqlite3 shell's default). */
async function tamper(sql: string, ...args: string[]) {
  const client = createClient({ url: testDatabase.url });
  try {
    await client.execute("PRAGMA foreign_keys = OFF");
    await client.execute({ sql, args });
  } finally {
    client.close();
  }
}

describe("the sign-off matrix shows positions and versions that fail verification", () => {
  it("marks an altered, a deleted and a forged position, and a deleted version, instead of showing them as the record", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Matrix integrity", template: "memorandum" });
    const version = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
    const round = await openRound({ actor: secretariat, documentId, versionId: version.id });
    const albaniaPosition = await recordSignOff({ actor: albania, roundId: round.id, position: "NOT_READY", reason: "Article 5 is unclear." });
    const serbiaPosition = await recordSignOff({ actor: serbia, roundId: round.id, position: "APPROVE" });

    const intact = await findSignOffMatrix({ actor: commission, documentId });
    expect(intact.integrityProblems).toEqual([]);
    expect(intact.rounds[0]).toMatchObject({ versionProblem: null, deletedPositions: {} });
    expect(intact.rounds[0].cells.AL).toMatchObject({ position: "NOT_READY", integrityProblem: null });

    await tamper(`UPDATE "SignOff" SET "position" = 'APPROVE', "reason" = NULL WHERE "id" = ?`, albaniaPosition.id);
    await tamper(`DELETE FROM "SignOff" WHERE "id" = ?`, serbiaPosition.id);
    const forged = await testDatabase.database.signOff.create({
      data: { roundId: round.id, organisationCode: "ME", position: "APPROVE", versionDigest: version.digest, recordedById: secretariat.id },
    });

    const tampered = await findSignOffMatrix({ actor: commission, documentId });
    const [tamperedRound] = tampered.rounds;
    expect(tamperedRound.cells.AL?.integrityProblem).toContain(`Position of AL in sign-off round ${round.id}`);
    expect(tamperedRound.cells.AL?.integrityProblem).toContain("altered since audit entry #");
    expect(tamperedRound.cells.ME?.integrityProblem).toContain("no audit entry records it");
    expect(tamperedRound.cells.RS).toBeNull();
    expect(tamperedRound.deletedPositions.RS).toContain("deleted, though audit entry #");
    expect(tampered.integrityProblems).toHaveLength(3);
    expect(tampered.integrityProblems.join("\n")).toContain(`(row ${forged.id})`);

    // The version the round was opened on, deleted with foreign keys off: a warning, not an error page.
    await tamper(`DELETE FROM "DocumentVersion" WHERE "id" = ?`, version.id);
    const withoutVersion = await findSignOffMatrix({ actor: commission, documentId });
    expect(withoutVersion.rounds[0].version).toMatchObject({ id: version.id, number: 1, name: "Draft 1" });
    expect(withoutVersion.rounds[0].versionProblem).toContain(`Version 1 “Draft 1” of document ${documentId} (row ${version.id}): deleted, though audit entry #`);
  });

  it("notices a version whose stored text no longer gives its digest", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Matrix content", template: "memorandum" });
    const version = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
    await openRound({ actor: secretariat, documentId, versionId: version.id });
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: version.id } });
    await tamper(`UPDATE "DocumentVersion" SET "content" = ? WHERE "id" = ?`, stored.content.replace("Purpose", "Porpoise"), version.id);
    const matrix = await findSignOffMatrix({ actor: commission, documentId });
    expect(matrix.rounds[0].versionProblem).toBe("Version 1 “Draft 1”: its stored text no longer gives its digest");
    expect(matrix.integrityProblems).toEqual(["Version 1 “Draft 1”: its stored text no longer gives its digest"]);
  });
});
