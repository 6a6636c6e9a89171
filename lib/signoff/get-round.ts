import { db, type Transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";

const roundDetails = {
  id: true,
  status: true,
  documentId: true,
  openedAt: true,
  closedAt: true,
  document: { select: { id: true, kind: true, minutesOf: { select: { minutesStatus: true } } } },
  version: { select: { id: true, number: true, name: true, digest: true, content: true } },
} as const;

/**
 * A sign-off round with its document and version, loaded through the caller's transaction when
 * given one (so status checks and the change they guard see the same data). NOT_FOUND if missing.
 */
export async function getRound({ actor, roundId, transaction }: { actor: Actor; roundId: string; transaction?: Transaction }) {
  const round = await (transaction ?? db()).signOffRound.findUnique({ where: { id: roundId }, select: roundDetails });
  if (!round) throw new AppError("NOT_FOUND", "This sign-off round does not exist.");
  const { minutesOf, ...document } = round.document;
  authorize(actor, "document.read", { ...document, minutesStatus: minutesOf?.minutesStatus ?? null });
  return round;
}
