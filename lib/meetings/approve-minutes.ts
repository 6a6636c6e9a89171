import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { notifyMinutes } from "@/lib/notifications/notify-minutes";

/**
 * The secretariat approves the minutes. From then on the text, decisions and action items are
 * read-only for everyone (the policy refuses `document.edit` and `minutes.edit`), and the page
 * says who approved them and when.
 */
export async function approveMinutes({ actor, meetingId }: { actor: Actor; meetingId: string }): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "minutes.approve", meeting);
  await audited(async (transaction, audit) => {
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, minutesStatus: { not: "APPROVED" }, minutesDocumentId: { not: null } },
      data: { minutesStatus: "APPROVED", minutesApprovedAt: new Date(), minutesApprovedById: actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "Start the minutes before approving them, or reload: they may already be approved.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "minutes.approved",
      targetType: "meeting",
      targetId: meeting.id,
    });
    await notifyMinutes(transaction, { meetingId: meeting.id, step: "approved", actorId: actor.id });
  });
}
