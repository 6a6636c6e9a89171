import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { meetingDetailsInput, type MeetingDetailsInput } from "@/lib/meetings/meeting-details";
import { assertDocumentsExist } from "@/lib/meetings/meeting-target";
import { notifyMeetingChange } from "@/lib/notifications/notify-meeting-change";

/** Schedules a meeting of the working group (secretariat only). */
export async function createMeeting({ actor, ...input }: { actor: Actor } & MeetingDetailsInput): Promise<{ id: string }> {
  authorize(actor, "meeting.create", null);
  const { documentIds, ...details } = parseInput(meetingDetailsInput, input);
  await assertDocumentsExist(db(), documentIds, "documentIds");
  const workingGroup = await db().workingGroup.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return audited(async (transaction, audit) => {
    const meeting = await transaction.meeting.create({
      data: {
        ...details,
        workingGroupId: workingGroup.id,
        createdById: actor.id,
        documents: { create: documentIds.map((documentId) => ({ documentId })) },
      },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "meeting.scheduled",
      targetType: "meeting",
      targetId: meeting.id,
      data: { title: details.title, startsAt: details.startsAt.toISOString(), endsAt: details.endsAt.toISOString(), timeZone: details.timeZone },
    });
    await notifyMeetingChange(transaction, { meetingId: meeting.id, change: "scheduled", actorId: actor.id });
    return meeting;
  });
}
