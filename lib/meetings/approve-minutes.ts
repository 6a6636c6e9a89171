import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { readYjsState } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { AppError } from "@/lib/errors";
import { authorize, minutesApprovalHold, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { notifyMinutes } from "@/lib/notifications/notify-minutes";
import { publishAccessChange } from "@/lib/realtime/access-events";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";

/**
 * The secretariat approves the minutes. From then on the text, decisions and action items are
 * read-only for everyone (the policy refuses `document.edit` and `minutes.edit`), and the page
 * says who approved them and when, with the SHA-256 digest of the approved text (its canonical
 * content, as a version's), which the audit event records too. Only once the meeting has started
 * and the minutes were circulated; `now` is the clock's reading, passed in so tests do not depend
 * on today's date. Open editors of the minutes stop writing before this returns (on other
 * instances as soon as Redis delivers the change).
 */
export async function approveMinutes({ actor, meetingId, now = new Date() }: { actor: Actor; meetingId: string; now?: Date }): Promise<{ digest: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  // A secretariat member learns why; anyone else gets the policy's plain refusal.
  const hold = minutesApprovalHold(meeting, now);
  if (hold && actor.role === "SECRETARIAT" && actor.isActive) throw new AppError("CONFLICT", hold);
  authorize(actor, "minutes.approve", { meeting, now });
  const { digest, minutesDocumentId } = await audited(async (transaction, audit) => {
    const row = await transaction.meeting.findUnique({ where: { id: meeting.id }, select: { minutesDocumentId: true, minutesStatus: true } });
    if (!row?.minutesDocumentId || row.minutesStatus !== "CIRCULATED") {
      throw new AppError("CONFLICT", "The minutes have moved on since this page was loaded; reload to see where they stand.");
    }
    // Read in the approving transaction, so the digest is of the text as it stands when approved.
    const loaded = await loadDocumentState(row.minutesDocumentId, transaction);
    const approvedDigest = digestOfContent(canonicalContentFromJson(readYjsState(loaded!.state).json));
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, minutesStatus: "CIRCULATED", minutesDocumentId: { not: null } },
      data: { minutesStatus: "APPROVED", minutesApprovedAt: now, minutesApprovedById: actor.id, minutesApprovedDigest: approvedDigest },
    });
    if (count === 0) throw new AppError("CONFLICT", "The minutes have moved on since this page was loaded; reload to see where they stand.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "minutes.approved",
      targetType: "meeting",
      targetId: meeting.id,
      data: { minutesDocumentId: row.minutesDocumentId, digest: approvedDigest },
    });
    await notifyMinutes(transaction, { meetingId: meeting.id, step: "approved", actorId: actor.id });
    return { digest: approvedDigest, minutesDocumentId: row.minutesDocumentId };
  });
  publishAccessChange({ scope: "document", documentId: minutesDocumentId });
  return { digest };
}
