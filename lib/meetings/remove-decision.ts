import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";

/** Removes a decision recorded by mistake, while the minutes are not yet approved. */
export async function removeDecision({ actor, decisionId }: { actor: Actor; decisionId: string }): Promise<{ meetingId: string }> {
  const id = parseInput(idSchema, decisionId);
  const decision = await db().decision.findUnique({
    where: { id },
    select: { text: true, meeting: { select: { id: true, status: true, minutesStatus: true, startsAt: true } } },
  });
  if (!decision) throw new AppError("NOT_FOUND", "This decision no longer exists.");
  authorize(actor, "minutes.edit", decision.meeting);
  await audited(async (transaction, audit) => {
    await transaction.decision.delete({ where: { id } });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "decision.removed",
      targetType: "decision",
      targetId: id,
      data: { meetingId: decision.meeting.id, text: decision.text },
    });
  });
  return { meetingId: decision.meeting.id };
}
