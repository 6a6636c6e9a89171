import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { notifyMinutes } from "@/lib/notifications/notify-minutes";

/** Sends the draft minutes round for comments: delegates review and comment before approval. */
export async function circulateMinutes({ actor, meetingId }: { actor: Actor; meetingId: string }): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "minutes.circulate", meeting);
  await audited(async (transaction, audit) => {
    const { count } = await transaction.meeting.updateMany({
      where: { id: meeting.id, minutesStatus: "DRAFT", minutesDocumentId: { not: null } },
      data: { minutesStatus: "CIRCULATED" },
    });
    if (count === 0) throw new AppError("CONFLICT", "Start the minutes before circulating them, or reload: they may have moved on.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "minutes.circulated",
      targetType: "meeting",
      targetId: meeting.id,
    });
    await notifyMinutes(transaction, { meetingId: meeting.id, step: "circulated", actorId: actor.id });
  });
}
