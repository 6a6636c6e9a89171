import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { meetingDetailsInput, type MeetingDetailsInput } from "@/lib/meetings/meeting-details";
import { assertDocumentsExist, idSchema } from "@/lib/meetings/meeting-target";
import { notifyMeetingChange } from "@/lib/notifications/notify-meeting-change";

// What a calendar client shows; a change to any of these raises the iCalendar SEQUENCE.
const CALENDAR_FIELDS = ["title", "startsAt", "endsAt", "timeZone", "format", "venue", "onlineUrl"] as const;

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * Changes a meeting's details; a new start or end is a reschedule. Each change that calendar
 * clients must pick up raises the meeting's SEQUENCE, and the audit log keeps the old values
 * so the meeting page can show its history.
 */
export async function updateMeeting({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & MeetingDetailsInput): Promise<{ changed: string[] }> {
  const id = parseInput(idSchema, meetingId);
  const meeting = (await db().meeting.findUnique({
    where: { id },
    select: {
      id: true, status: true, minutesStatus: true, sequence: true,
      title: true, startsAt: true, endsAt: true, timeZone: true, format: true, venue: true, onlineUrl: true,
      documents: { select: { documentId: true } },
    },
  })) ?? undefined;
  authorize(actor, "meeting.edit", meeting);
  const { documentIds, ...details } = parseInput(meetingDetailsInput, input);
  await assertDocumentsExist(db(), documentIds, "documentIds");

  const changed: string[] = CALENDAR_FIELDS.filter((field) => !sameValue(meeting[field], details[field]));
  const linkedBefore = meeting.documents.map((link) => link.documentId).sort();
  const areDocumentsChanged = JSON.stringify(linkedBefore) !== JSON.stringify([...documentIds].sort());
  if (areDocumentsChanged) changed.push("documents");
  if (changed.length === 0) return { changed };

  const isRescheduled = changed.some((field) => field === "startsAt" || field === "endsAt" || field === "timeZone");
  const isCalendarChange = changed.some((field) => field !== "documents");
  await audited(async (transaction, audit) => {
    // Guarded by the sequence read above: two secretaries saving at once cannot both win silently.
    const { count } = await transaction.meeting.updateMany({
      where: { id, sequence: meeting.sequence, status: "SCHEDULED" },
      data: { ...details, ...(isCalendarChange ? { sequence: { increment: 1 } } : {}) },
    });
    if (count === 0) throw new AppError("CONFLICT");
    if (areDocumentsChanged) {
      await transaction.meetingDocument.deleteMany({ where: { meetingId: id } });
      await transaction.meetingDocument.createMany({ data: documentIds.map((documentId) => ({ meetingId: id, documentId })) });
    }
    const base = { actorId: actor.id, organisationCode: actor.organisationCode, targetType: "meeting", targetId: id };
    if (isRescheduled) {
      await audit({
        ...base,
        action: "meeting.rescheduled",
        data: {
          from: { startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), timeZone: meeting.timeZone },
          to: { startsAt: details.startsAt.toISOString(), endsAt: details.endsAt.toISOString(), timeZone: details.timeZone },
        },
      });
    }
    const otherChanges = changed.filter((field) => field !== "startsAt" && field !== "endsAt" && field !== "timeZone");
    if (otherChanges.length) await audit({ ...base, action: "meeting.updated", data: { changed: otherChanges } });
    // Calendars need the new SEQUENCE; a change of linked documents alone does not touch them.
    if (isCalendarChange) await notifyMeetingChange(transaction, { meetingId: id, change: "rescheduled", actorId: actor.id });
  });
  return { changed };
}
