import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { yjsStateFromJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { closeRound } from "@/lib/signoff/close-round";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";
import { openRound } from "@/lib/signoff/open-round";
import { recordSignOff } from "@/lib/signoff/record-sign-off";
import { reopenRound } from "@/lib/signoff/reopen-round";
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
  const { database } = testDatabase;
  secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Ana Secretariat" });
  albania = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL", name: "Elira Albania" });
  serbia = await createTestActor(database, { role: "DELEGATE", organisationCode: "RS", name: "Nikola Serbia" });
  commission = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC" });
});
afterAll(() => testDatabase.drop());

/** Expects the promise to fail with the AppError code. */
async function expectError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Everything that matters about the database's sign-off state, to prove a refusal changed nothing. */
async function snapshot() {
  const { database } = testDatabase;
  return {
    versions: await database.documentVersion.findMany({ orderBy: { id: "asc" } }),
    rounds: await database.signOffRound.findMany({ orderBy: { id: "asc" } }),
    signOffs: await database.signOff.findMany({ orderBy: { id: "asc" } }),
    auditEvents: await database.auditEvent.count(),
  };
}

let documentId: string;
let draftOneId: string;
let roundId: string;

beforeEach(async () => {
  ({ id: documentId } = await createDocument({ actor: secretariat, title: "Sign-off test", template: "memorandum", kind: "MOU" }));
  ({ id: draftOneId } = await createVersion({ actor: secretariat, documentId, name: "Draft 1" }));
  ({ id: roundId } = await openRound({ actor: secretariat, documentId, versionId: draftOneId }));
});

describe("versions", () => {
  it("numbers versions and checkpoints in order, and only the secretariat saves the group's versions", async () => {
    const checkpoint = await createVersion({ actor: albania, documentId, name: "Albania's notes", isCheckpoint: true });
    expect(checkpoint).toMatchObject({ number: 2, isCheckpoint: true });

    const before = await snapshot();
    await expectError(createVersion({ actor: albania, documentId, name: "Draft 2" }), "FORBIDDEN");
    await expectError(createVersion({ actor: commission, documentId, name: "Observer checkpoint", isCheckpoint: true }), "FORBIDDEN");
    expect(await snapshot()).toEqual(before);
  });

  it("leaves no way to alter a saved version: saving again creates a new one and the old one is untouched", async () => {
    const before = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: draftOneId } });
    await testDatabase.database.document.update({
      where: { id: documentId },
      data: { yjsState: Buffer.from(yjsStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Rewritten." }] }] })) },
    });
    const second = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
    expect(second.id).not.toBe(draftOneId);
    expect(second.digest).not.toBe(before.digest);
    expect(await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: draftOneId } })).toEqual(before);
  });
});

describe("recording positions", () => {
  it("binds each economy's position to the round's version and keeps earlier positions in the audit log", async () => {
    await recordSignOff({ actor: albania, roundId, position: "NOT_READY", reason: "Awaiting the ministry" });
    await recordSignOff({ actor: albania, roundId, position: "APPROVE" });
    await recordSignOff({ actor: serbia, roundId, position: "APPROVE_WITH_RESERVATION", reservation: "Article 4 subject to the new Law on e-Documents." });
    await recordSignOff({ actor: secretariat, roundId, organisationCode: "MK", position: "APPROVE_AD_REFERENDUM", onBehalfReason: "Confirmed by e-mail on 3 June" });

    const matrix = await findSignOffMatrix({ actor: commission, documentId });
    expect(matrix.economies).toEqual(["AL", "BA", "XK", "ME", "MK", "RS"]);
    const [round] = matrix.rounds;
    expect(round).toMatchObject({ number: 1, status: "OPEN", hasLiveTextChanged: false, version: { id: draftOneId } });
    expect(round.cells.AL).toMatchObject({ position: "APPROVE", reason: null, versionDigest: round.version.digest, isBoundToVersion: true, recordedBy: { name: "Elira Albania" } });
    expect(round.cells.AL!.earlier).toEqual([expect.objectContaining({ position: "NOT_READY", reason: "Awaiting the ministry", recordedByName: "Elira Albania" })]);
    expect(round.cells.RS).toMatchObject({ position: "APPROVE_WITH_RESERVATION", reservation: "Article 4 subject to the new Law on e-Documents." });
    expect(round.cells.MK).toMatchObject({ position: "APPROVE_AD_REFERENDUM", onBehalfReason: "Confirmed by e-mail on 3 June", recordedBy: { name: "Ana Secretariat", organisationCode: "RCC" } });
    expect(round.cells.BA).toBeNull();

    const albanianEvents = await testDatabase.database.auditEvent.findMany({
      where: { action: "signOff.recorded", actorId: albania.id, data: { contains: roundId } },
      orderBy: { id: "asc" },
    });
    expect(albanianEvents.map((event) => JSON.parse(event.data))).toEqual([
      expect.objectContaining({ economy: "AL", position: "NOT_READY", previous: null, versionDigest: round.version.digest }),
      expect.objectContaining({ economy: "AL", position: "APPROVE", previous: expect.objectContaining({ position: "NOT_READY" }) }),
    ]);
  });

  it("requires a reservation text for an approval with reservation", async () => {
    const error = await expectError(recordSignOff({ actor: serbia, roundId, position: "APPROVE_WITH_RESERVATION", reservation: "  " }), "INVALID_INPUT");
    expect(error.fieldErrors.reservation).toHaveLength(1);
  });

  it("requires the secretariat to state why it records on an economy's behalf", async () => {
    const error = await expectError(recordSignOff({ actor: secretariat, roundId, organisationCode: "BA", position: "APPROVE" }), "INVALID_INPUT");
    expect(error.fieldErrors.onBehalfReason).toHaveLength(1);
    await expectError(recordSignOff({ actor: secretariat, roundId, organisationCode: "EC", position: "APPROVE", onBehalfReason: "Asked to" }), "INVALID_INPUT");
  });

  it("shows that the live text changed since the version a round is about", async () => {
    await testDatabase.database.document.update({
      where: { id: documentId },
      data: { yjsState: Buffer.from(yjsStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Changed." }] }] })) },
    });
    const matrix = await findSignOffMatrix({ actor: albania, documentId });
    expect(matrix.rounds.find((round) => round.id === roundId)?.hasLiveTextChanged).toBe(true);
  });
});

describe("authorization: refusals change nothing", () => {
  it("a delegate cannot record a position for another economy", async () => {
    await recordSignOff({ actor: serbia, roundId, position: "NOT_READY" });
    const before = await snapshot();
    await expectError(recordSignOff({ actor: albania, roundId, organisationCode: "RS", position: "APPROVE" }), "FORBIDDEN");
    await expectError(recordSignOff({ actor: albania, roundId, organisationCode: "RS", position: "APPROVE", onBehalfReason: "Serbia asked me" }), "FORBIDDEN");
    await expectError(recordSignOff({ actor: commission, roundId, position: "APPROVE" }), "FORBIDDEN");
    await expectError(recordSignOff({ actor: commission, roundId, organisationCode: "AL", position: "APPROVE", onBehalfReason: "x" }), "FORBIDDEN");
    expect(await snapshot()).toEqual(before);
  });

  it("a delegate cannot close or reopen a round, nor record once it is closed", async () => {
    await expectError(closeRound({ actor: albania, roundId }), "FORBIDDEN");
    await closeRound({ actor: secretariat, roundId });
    const before = await snapshot();
    await expectError(reopenRound({ actor: albania, roundId }), "FORBIDDEN");
    await expectError(reopenRound({ actor: commission, roundId }), "FORBIDDEN");
    await expectError(recordSignOff({ actor: albania, roundId, position: "APPROVE" }), "FORBIDDEN");
    await expectError(recordSignOff({ actor: secretariat, roundId, organisationCode: "AL", position: "APPROVE", onBehalfReason: "Late" }), "FORBIDDEN");
    await expectError(openRound({ actor: albania, documentId, versionId: draftOneId }), "FORBIDDEN");
    expect(await snapshot()).toEqual(before);

    await reopenRound({ actor: secretariat, roundId });
    await recordSignOff({ actor: albania, roundId, position: "APPROVE" });
  });

  it("keeps one open round per document and never opens one on a checkpoint", async () => {
    const { id: checkpointId } = await createVersion({ actor: albania, documentId, name: "Albania's checkpoint", isCheckpoint: true });
    await expectError(openRound({ actor: secretariat, documentId, versionId: draftOneId }), "CONFLICT");
    await closeRound({ actor: secretariat, roundId });
    await expectError(openRound({ actor: secretariat, documentId, versionId: checkpointId }), "INVALID_INPUT");
    const second = await openRound({ actor: secretariat, documentId, versionId: draftOneId });
    await expectError(reopenRound({ actor: secretariat, roundId }), "CONFLICT");
    expect(second.status).toBe("OPEN");
  });

  it("answers NOT_FOUND for a round that does not exist", async () => {
    await expectError(recordSignOff({ actor: albania, roundId: "no-such-round", position: "APPROVE" }), "NOT_FOUND");
  });
});
