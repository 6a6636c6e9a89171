import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, minutesApprovalHold, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";

/**
 * The secretariat approves the minutes. From then on the text, decisions and action items are
 * read-only for everyone (the policy refuses `document.edit` and `minutes.edit`), and the page
 * says who approved them and when. Only once the meeting has started and the minutes were
 * circulated; `now` is the clock's reading, passed in so tests do not depend on today's date.
 */
export async function approveMinutes({ actor, meetingId, now = new Date() }: { actor: Actor; meetingId: string; now?: Date }): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  // A secretariat member learns why; anyone else gets the policy's plain refusal.
  const hold = minutesApprovalHold(meeting, now);
  if (hold && actor.role === "SECRETARIAT" && actor.isActive) throw new AppError("CONFLICT", hold);
  authorize(actor, "minutes.approve", { meeting, now });
  await audited(async (transaction, audit) => {
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, minutesStatus: "CIRCULATED", minutesDocumentId: { not: null } },
      data: { minutesStatus: "APPROVED", minutesApprovedAt: now, minutesApprovedById: actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "The minutes have moved on since this page was loaded; reload to see where they stand.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "minutes.approved",
      targetType: "meeting",
      targetId: meeting.id,
    });
  });
}
