import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { db } from "@/lib/db";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import { SIGN_OFF_POSITIONS, type SignOffPosition } from "@/lib/signoff/positions";
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
  cells: Record<string, SignOffCell | null>;
};

export type SignOffMatrix = { documentId: string; economies: string[]; rounds: MatrixRound[]; liveDigest: string };

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

/** Every economy's position in every sign-off round of a document, oldest round first. */
export async function findSignOffMatrix({ actor, documentId }: { actor: Actor; documentId: string }): Promise<SignOffMatrix> {
  const live = await getLiveText({ actor, documentId });
  const rounds = await db().signOffRound.findMany({
    where: { documentId },
    orderBy: { openedAt: "asc" },
    select: signOffRoundSelect,
  });
  const earlier = await findEarlierPositions(rounds.flatMap((round) => round.signOffs.map((signOff) => signOff.id)));

  return {
    documentId,
    economies: ECONOMY_CODES,
    liveDigest: live.digest,
    rounds: rounds.map((round, index) => ({
      id: round.id,
      number: index + 1,
      status: round.status,
      openedAt: round.openedAt,
      openedByName: round.openedBy.name,
      closedAt: round.closedAt,
      closedByName: round.closedBy?.name ?? null,
      version: round.version,
      hasLiveTextChanged: round.version.digest !== live.digest,
      cells: Object.fromEntries(
        ECONOMY_CODES.map((code) => {
          const signOff = round.signOffs.find((candidate) => candidate.organisationCode === code);
          if (!signOff) return [code, null];
          const { id, organisationCode: _organisationCode, ...cell } = signOff;
          return [code, { ...cell, isBoundToVersion: signOff.versionDigest === round.version.digest, earlier: earlier.get(id) ?? [] }];
        }),
      ),
    })),
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
