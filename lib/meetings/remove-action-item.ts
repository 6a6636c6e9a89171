import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";

/** Removes an action item recorded by mistake, while the minutes are not yet approved. */
export async function removeActionItem({ actor, actionItemId }: { actor: Actor; actionItemId: string }): Promise<{ meetingId: string }> {
  const id = parseInput(idSchema, actionItemId);
  const item = await db().actionItem.findUnique({
    where: { id },
    select: { text: true, meeting: { select: { id: true, status: true, minutesStatus: true, startsAt: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", "This action item no longer exists.");
  authorize(actor, "minutes.edit", item.meeting);
  await audited(async (transaction, audit) => {
    await transaction.actionItem.delete({ where: { id } });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "actionItem.removed",
      targetType: "actionItem",
      targetId: id,
      data: { meetingId: item.meeting.id, text: item.text },
    });
  });
  return { meetingId: item.meeting.id };
}
