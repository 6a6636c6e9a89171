import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { getRound } from "@/lib/signoff/get-round";
import { isSecondOpenRound } from "@/lib/signoff/one-open-round";

export const reopenRoundInput = z.object({ roundId: z.string().min(1) });

/** Reopens a closed round (for example one closed by mistake), unless another round of the document is open. */
export async function reopenRound({ actor, ...input }: { actor: Actor } & z.input<typeof reopenRoundInput>) {
  const data = parseInput(reopenRoundInput, input);
  return audited(async (transaction, audit) => {
    const round = await getRound({ actor, roundId: data.roundId, transaction });
    authorize(actor, "round.reopen", round);
    const open = await transaction.signOffRound.findFirst({ where: { documentId: round.documentId, status: "OPEN" }, select: { id: true } });
    const anotherIsOpen = "Another sign-off round is open on this document. Close it before reopening this one.";
    if (open) throw new AppError("CONFLICT", anotherIsOpen);
    // The partial unique index catches a round opened concurrently, past the check above.
    const reopened = await transaction.signOffRound
      .update({
        where: { id: round.id },
        data: { status: "OPEN", closedById: null, closedAt: null },
        select: { id: true, status: true },
      })
      .catch((error: unknown) => {
        throw isSecondOpenRound(error) ? new AppError("CONFLICT", anotherIsOpen) : error;
      });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "round.reopened",
      targetType: "signOffRound",
      targetId: round.id,
      data: { documentId: round.documentId, versionId: round.version.id, closedAt: round.closedAt?.toISOString() ?? null },
    });
    return reopened;
  });
}
