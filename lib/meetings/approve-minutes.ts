import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { readYjsState } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { notifyMinutes } from "@/lib/notifications/notify-minutes";
import { publishAccessChange } from "@/lib/realtime/access-events";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";

/**
 * The secretariat approves the minutes. From then on the text, decisions and action items are
 * read-only for everyone (the policy refuses `document.edit` and `minutes.edit`), and the page
 * says who approved them and when, with the SHA-256 digest of the approved text (its canonical
 * content, as a version's), which the audit event records too. Open editors of the minutes stop
 * writing before this returns (on other instances as soon as Redis delivers the change).
 */
export async function approveMinutes({ actor, meetingId }: { actor: Actor; meetingId: string }): Promise<{ digest: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "minutes.approve", meeting);
  const { digest, minutesDocumentId } = await audited(async (transaction, audit) => {
    const row = await transaction.meeting.findUnique({ where: { id: meeting.id }, select: { minutesDocumentId: true, minutesStatus: true } });
    if (!row?.minutesDocumentId || row.minutesStatus === "APPROVED") {
      throw new AppError("CONFLICT", "Start the minutes before approving them, or reload: they may already be approved.");
    }
    // Read in the approving transaction, so the digest is of the text as it stands when approved.
    const loaded = await loadDocumentState(row.minutesDocumentId, transaction);
    const approvedDigest = digestOfContent(canonicalContentFromJson(readYjsState(loaded!.state).json));
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, minutesStatus: { not: "APPROVED" }, minutesDocumentId: { not: null } },
      data: { minutesStatus: "APPROVED", minutesApprovedAt: new Date(), minutesApprovedById: actor.id, minutesApprovedDigest: approvedDigest },
    });
    if (count === 0) throw new AppError("CONFLICT", "Start the minutes before approving them, or reload: they may already be approved.");
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
