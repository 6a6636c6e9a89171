import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { buildCalendar, type CalendarMeeting } from "@/lib/meetings/build-calendar";
import { idSchema } from "@/lib/meetings/meeting-target";

export const calendarMeetingSelect = {
  id: true, title: true, startsAt: true, endsAt: true, timeZone: true, format: true, venue: true, onlineUrl: true,
  status: true, sequence: true, createdAt: true, updatedAt: true, minutesStatus: true,
  agendaItems: { orderBy: { position: "asc" }, select: { title: true, durationMinutes: true } },
} as const;

/** One meeting as an .ics file to download and import. */
export async function getMeetingCalendar({ actor, meetingId, appUrl }: { actor: Actor; meetingId: string; appUrl: string }): Promise<{ filename: string; body: string }> {
  const parsed = idSchema.safeParse(meetingId);
  const meeting: (CalendarMeeting & { minutesStatus: "DRAFT" | "CIRCULATED" | "APPROVED" }) | null = parsed.success
    ? await db().meeting.findUnique({ where: { id: parsed.data }, select: calendarMeetingSelect })
    : null;
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  authorize(actor, "meeting.read", meeting);
  const slug = meeting.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "meeting";
  return {
    filename: `${slug}.ics`,
    body: buildCalendar({ meetings: [meeting], appUrl, name: meeting.title, isSubscription: false }),
  };
}
