import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { AppError, parseInput } from "@/lib/errors";
import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { notifyMeetingChange } from "@/lib/notifications/notify-meeting-change";

export const cancelMeetingInput = z.object({
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional().transform((value) => value || null),
});

/**
 * Cancels a meeting. The row stays, marked cancelled with a higher SEQUENCE, so calendar
 * clients remove it in place and everyone still sees that it was planned and why it was called off.
 */
export async function cancelMeeting({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof cancelMeetingInput>): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "meeting.cancel", meeting);
  const { reason } = parseInput(cancelMeetingInput, input);
  await audited(async (transaction, audit) => {
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, status: "SCHEDULED" },
      data: { status: "CANCELLED", sequence: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "This meeting was already cancelled.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "meeting.cancelled",
      targetType: "meeting",
      targetId: meeting.id,
      data: { reason },
    });
    await notifyMeetingChange(transaction, { meetingId: meeting.id, change: "cancelled", actorId: actor.id });
  });
}
