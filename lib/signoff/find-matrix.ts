import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { unsafeVerifyBoundRows } from "@/lib/audit/verify-rows";
import { db } from "@/lib/db";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import { SIGN_OFF_POSITIONS, type SignOffPosition } from "@/lib/signoff/positions";
import { digestOfContent } from "@/lib/versions/canonical-content";
import { getLiveText } from "@/lib/versions/get-live-text";

/** An earlier position of an economy in a round, as the audit log kept it. */
export type EarlierPosition = {
  position: SignOffPosition;
  reservation: string | null;
  reason: string | null;
  onBehalfReason: string | null;
  recordedByName: string | null;
  recordedAt: Date;
};

export type SignOffCell = {
  position: SignOffPosition;
  reservation: string | null;
  reason: string | null;
  onBehalfReason: string | null;
  versionDigest: string;
  /** False if the digest bound to the sign-off differs from its version's (a tampered row). */
  isBoundToVersion: boolean;
  /** Set when the row fails verification against the audit entry that recorded it: do not trust what it shows. */
  integrityProblem: string | null;
  recordedAt: Date;
  recordedBy: { name: string; organisationCode: string };
  earlier: EarlierPosition[];
};

export type MatrixRound = {
  id: string;
  /** 1 for the document's first round. */
  number: number;
  status: "OPEN" | "CLOSED";
  openedAt: Date;
  openedByName: string;
  closedAt: Date | null;
  closedByName: string | null;
  version: { id: string; number: number; name: string; digest: string };
  /** Whether the live text differs from the version this round is about. */
  hasLiveTextChanged: boolean;
  /** Set when the round's version fails verification (altered, deleted, inserted, or its text no longer gives its digest). */
  versionProblem: string | null;
  cells: Record<string, SignOffCell | null>;
  /** Positions the audit log recorded in this round whose rows are gone, by economy. */
  deletedPositions: Record<string, string>;
};

export type SignOffMatrix = {
  documentId: string;
  economies: string[];
  rounds: MatrixRound[];
  liveDigest: string;
  /** Every position or version of this document that fails verification, named; empty when all are intact. */
  integrityProblems: string[];
};

const recordedData = z.object({
  position: z.enum(SIGN_OFF_POSITIONS),
  reservation: z.string().nullable(),
  reason: z.string().nullable(),
  onBehalfReason: z.string().nullable(),
});

/** What every view of a sign-off round reads: its version and each economy's recorded position. */
export const signOffRoundSelect = {
  id: true,
  status: true,
  openedAt: true,
  closedAt: true,
  openedBy: { select: { name: true } },
  closedBy: { select: { name: true } },
  version: { select: { id: true, number: true, name: true, digest: true } },
  signOffs: {
    select: {
      id: true,
      organisationCode: true,
      position: true,
      reservation: true,
      reason: true,
      onBehalfReason: true,
      versionDigest: true,
      recordedAt: true,
      recordedBy: { select: { name: true, organisationCode: true } },
    },
  },
} as const;

const matrixRoundSelect = {
  ...signOffRoundSelect,
  // Read apart from the round: a version deleted behind Accord's back must give a warning, not an error.
  version: undefined,
  versionId: true,
} as const;

/**
 * Every economy's position in every sign-off round of a document, oldest round first. Each position and
 * version is checked against the audit entry that recorded it, so a row altered, deleted or inserted in
 * the database is shown as such instead of as the record.
 */
export async function findSignOffMatrix({ actor, documentId }: { actor: Actor; documentId: string }): Promise<SignOffMatrix> {
  const live = await getLiveText({ actor, documentId });
  const rounds = await db().signOffRound.findMany({
    where: { documentId },
    orderBy: { openedAt: "asc" },
    select: matrixRoundSelect,
  });
  const versionIds = [...new Set(rounds.map((round) => round.versionId))];
  const [versions, earlier, rows] = await Promise.all([
    db().documentVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true, name: true, digest: true, content: true } }),
    findEarlierPositions(rounds.flatMap((round) => round.signOffs.map((signOff) => signOff.id))),
    // The reader may read this document (getLiveText checked): the check is limited to its rows.
    unsafeVerifyBoundRows({ documentId }),
  ]);
  const problemOf = new Map(rows.problems.map((problem) => [problem.rowId, problem]));
  const integrityProblems = rows.problems.map((problem) => problem.description);

  return {
    documentId,
    economies: ECONOMY_CODES,
    liveDigest: live.digest,
    integrityProblems,
    rounds: rounds.map((round, index) => {
      const stored = versions.find((version) => version.id === round.versionId);
      const versionRowProblem = problemOf.get(round.versionId);
      let versionProblem = versionRowProblem?.description ?? null;
      if (stored && digestOfContent(stored.content) !== stored.digest) {
        versionProblem = `Version ${stored.number} “${stored.name}”: its stored text no longer gives its digest`;
        integrityProblems.push(versionProblem);
      }
      const version = stored
        ? { id: stored.id, number: stored.number, name: stored.name, digest: stored.digest }
        : // Gone from the database: show what the audit log recorded of it.
          { id: round.versionId, number: versionRowProblem?.versionNumber ?? 0, name: versionRowProblem?.versionName ?? "missing version", digest: "" };
      const deletedPositions = Object.fromEntries(
        rows.problems
          .filter((problem) => problem.kind === "deleted" && problem.roundId === round.id && problem.organisationCode)
          .map((problem) => [problem.organisationCode!, problem.description]),
      );
      return {
        id: round.id,
        number: index + 1,
        status: round.status,
        openedAt: round.openedAt,
        openedByName: round.openedBy.name,
        closedAt: round.closedAt,
        closedByName: round.closedBy?.name ?? null,
        version,
        hasLiveTextChanged: version.digest !== live.digest,
        versionProblem,
        deletedPositions,
        cells: Object.fromEntries(
          ECONOMY_CODES.map((code) => {
            const signOff = round.signOffs.find((candidate) => candidate.organisationCode === code);
            if (!signOff) return [code, null];
            const { id, organisationCode: _organisationCode, ...cell } = signOff;
            const cellValue: SignOffCell = {
              ...cell,
              isBoundToVersion: signOff.versionDigest === version.digest,
              integrityProblem: problemOf.get(id)?.description ?? null,
              earlier: earlier.get(id) ?? [],
            };
            return [code, cellValue];
          }),
        ),
      };
    }),
  };
}

/** The positions each sign-off replaced, newest first, read back from the audit log. */
async function findEarlierPositions(signOffIds: string[]): Promise<Map<string, EarlierPosition[]>> {
  const byId = new Map<string, EarlierPosition[]>();
  if (signOffIds.length === 0) return byId;
  const events = await db().auditEvent.findMany({
    where: { targetType: "signOff", action: "signOff.recorded", targetId: { in: signOffIds } },
    orderBy: { id: "desc" },
    select: { targetId: true, at: true, data: true, actor: { select: { name: true } } },
  });
  for (const event of events) {
    const recorded = parseAuditData(recordedData, event.data);
    if (!recorded) continue;
    const list = byId.get(event.targetId) ?? [];
    list.push({ ...recorded, recordedByName: event.actor?.name ?? null, recordedAt: event.at });
    byId.set(event.targetId, list);
  }
  // The newest entry is the current position, already shown in the cell.
  for (const list of byId.values()) list.shift();
  return byId;
}
