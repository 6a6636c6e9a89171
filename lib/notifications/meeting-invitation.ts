import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { meetingUid, type CalendarMeeting } from "@/lib/meetings/build-calendar";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { mailSender } from "@/lib/notifications/mail-from";

/** A meeting as a calendar knows it, with its agenda as plain lines. */
export type InvitationMeeting = Pick<
  CalendarMeeting,
  "id" | "title" | "startsAt" | "endsAt" | "timeZone" | "format" | "venue" | "onlineUrl" | "sequence"
> & { agenda: string[] };

/**
 * An iTIP (RFC 5546) invitation: METHOD:REQUEST with ORGANIZER and every ATTENDEE, the meeting's
 * lifelong UID and its SEQUENCE, so Outlook, Google and Apple Calendar add it, update it in place
 * when the SEQUENCE rises, and remove it on METHOD:CANCEL.
 */
export function buildMeetingInvitation({ meeting, method, attendees, pageUrl, now }: {
  meeting: InvitationMeeting;
  method: "REQUEST" | "CANCEL";
  attendees: { name: string; email: string }[];
  pageUrl: string;
  now: Date;
}): string {
  const organizer = mailSender();
  const calendar = ical({
    prodId: { company: "Regional Cooperation Council", product: "Accord", language: "EN" },
    method: method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    start: meeting.startsAt,
    end: meeting.endsAt,
    stamp: now,
    summary: meeting.title,
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    location: meeting.format === "ONLINE" ? meeting.onlineUrl : meeting.venue,
    url: pageUrl,
    organizer: { name: organizer.name, email: organizer.address },
    attendees: attendees.map((attendee) => ({
      name: attendee.name,
      email: attendee.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === "REQUEST",
    })),
    description: [
      describeMeetingTime(meeting),
      meeting.agenda.length ? `Agenda:\n${meeting.agenda.map((item, index) => `${index + 1}. ${item}`).join("\n")}` : null,
      `Agenda, documents and minutes: ${pageUrl}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  });
  return calendar.toString();
}
