import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { partyInput } from "@/lib/meetings/party";
import { dateFromIsoDate } from "@/lib/meetings/time";
import { notifyActionItem } from "@/lib/notifications/notify-action-item";

export const actionItemInput = z.object({
  text: z.string().trim().min(3, "Say what is to be done.").max(1000, "Keep the action under 1,000 characters."),
  owner: partyInput({ isRequired: true, message: "Choose who owns this action: an economy, organisation or person." }),
  dueDate: z
    .union([z.literal(""), z.iso.date("Enter a valid date.")])
    .optional()
    .transform((value) => (value ? dateFromIsoDate(value) : null)),
});

/** Records an action item agreed at the meeting: what, who owns it, and by when. */
export async function addActionItem({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof actionItemInput>): Promise<{ id: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "minutes.edit", meeting);
  const { text, owner, dueDate } = parseInput(actionItemInput, input);
  if (owner.userId) {
    const person = await db().user.findUnique({ where: { id: owner.userId }, select: { isActive: true } });
    if (!person?.isActive) throw new AppError("INVALID_INPUT", undefined, { owner: ["Choose who owns this action from the list."] });
  }
  return audited(async (transaction, audit) => {
    const item = await transaction.actionItem.create({
      data: { meetingId: meeting.id, text, ownerUserId: owner.userId, ownerOrganisationCode: owner.organisationCode, dueDate },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "actionItem.created",
      targetType: "actionItem",
      targetId: item.id,
      data: { meetingId: meeting.id, text, owner, dueDate: dueDate?.toISOString() ?? null },
    });
    await notifyActionItem(transaction, { actionItemId: item.id, moment: "assigned", actorId: actor.id });
    return item;
  });
}
