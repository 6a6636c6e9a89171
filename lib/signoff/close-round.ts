import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { getRound } from "@/lib/signoff/get-round";
import { notifyRoundClosed } from "@/lib/notifications/notify-sign-off";

export const closeRoundInput = z.object({ roundId: z.string().min(1) });

/** Closes an open round: the positions recorded in it become final. */
export async function closeRound({ actor, ...input }: { actor: Actor } & z.input<typeof closeRoundInput>) {
  const data = parseInput(closeRoundInput, input);
  return audited(async (transaction, audit) => {
    const round = await getRound({ actor, roundId: data.roundId, transaction });
    authorize(actor, "round.close", round);
    const signOffCount = await transaction.signOff.count({ where: { roundId: round.id } });
    const closed = await transaction.signOffRound.update({
      where: { id: round.id },
      data: { status: "CLOSED", closedById: actor.id, closedAt: new Date() },
      select: { id: true, status: true, closedAt: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "round.closed",
      targetType: "signOffRound",
      targetId: round.id,
      data: { documentId: round.documentId, versionId: round.version.id, versionDigest: round.version.digest, signOffCount },
    });
    await notifyRoundClosed(transaction, { roundId: round.id, actorId: actor.id });
    return closed;
  });
}
