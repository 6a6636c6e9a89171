import ical, { escape, ICalEventStatus } from "ical-generator";
import { describeMeetingTime } from "@/lib/meetings/describe-time";

export type CalendarMeeting = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  format: "IN_PERSON" | "ONLINE" | "HYBRID";
  venue: string | null;
  onlineUrl: string | null;
  status: "SCHEDULED" | "CANCELLED";
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  agendaItems: { title: string; durationMinutes: number | null }[];
};

const FORMAT_LABEL = { IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid (in person and online)" } as const;

/** The UID a meeting keeps for life, so calendar clients update or remove it in place. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@accord`;
}

/**
 * An RFC 5545 calendar of meetings. Times are written as UTC instants (DTSTART:…Z): every client
 * shows them correctly in its own zone, across daylight-saving changes, with no VTIMEZONE to get
 * wrong. The meeting's own zone and wall-clock time are spelled out in the description.
 *
 * Neither the single download nor the subscription carries METHOD: RFC 5546 makes
 * METHOD:PUBLISH require an ORGANIZER, and Accord sends no invitations from a mailbox that could
 * be one. Without METHOD the file is a plain RFC 5545 calendar that clients import, and the
 * stable UID with a rising SEQUENCE lets them update or cancel the event in place.
 */
export function buildCalendar({ meetings, appUrl, name, isSubscription }: {
  meetings: CalendarMeeting[];
  appUrl: string;
  name: string;
  isSubscription: boolean;
}): string {
  const calendar = ical({
    // ical-generator writes NAME and X-WR-CALNAME as given, unlike the event's text properties.
    name: escape(withoutControlCharacters(name), false),
    prodId: { company: "Regional Cooperation Council", product: "Accord", language: "EN" },
    ttl: isSubscription ? 60 * 60 : null,
  });
  for (const meeting of meetings) {
    const pageUrl = `${appUrl}/meetings/${meeting.id}`;
    const isCancelled = meeting.status === "CANCELLED";
    calendar.createEvent({
      id: meetingUid(meeting.id),
      sequence: meeting.sequence,
      start: meeting.startsAt,
      end: meeting.endsAt,
      stamp: meeting.updatedAt,
      created: meeting.createdAt,
      lastModified: meeting.updatedAt,
      summary: withoutControlCharacters(isCancelled ? `Cancelled: ${meeting.title}` : meeting.title),
      status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: optionalText(meeting.format === "ONLINE" ? meeting.onlineUrl : meeting.venue),
      url: pageUrl,
      description: describeMeeting(meeting, pageUrl),
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one included.
  return `${calendar.toString()}\r\n`;
}

/** The event's description: when, how, the agenda and the link to the meeting's page. */
function describeMeeting(meeting: CalendarMeeting, pageUrl: string): string {
  const agenda = meeting.agendaItems.map((item, index) => {
    const duration = item.durationMinutes ? ` (${item.durationMinutes} min)` : "";
    return `${index + 1}. ${withoutControlCharacters(item.title)}${duration}`;
  });
  return [
    describeMeetingTime(meeting),
    FORMAT_LABEL[meeting.format],
    meeting.venue && meeting.format !== "ONLINE" ? `Venue: ${withoutControlCharacters(meeting.venue)}` : null,
    meeting.onlineUrl && meeting.format !== "IN_PERSON" ? `Join online: ${meeting.onlineUrl}` : null,
    "",
    agenda.length ? ["Agenda:", ...agenda].join("\n") : "Agenda: not yet set.",
    "",
    `Agenda, documents and minutes: ${pageUrl}`,
  ]
    .filter((line) => line !== null)
    .join("\n");
}

/**
 * Control characters have no place in iCalendar text (RFC 5545 §3.3.11). Validation refuses them in
 * new titles; this keeps a value stored before that rule from breaking the file.
 */
function withoutControlCharacters(text: string): string {
  return text.replace(/\p{Cc}+/gu, " ");
}

function optionalText(text: string | null): string | null {
  return text === null ? null : withoutControlCharacters(text);
}
