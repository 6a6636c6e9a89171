import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
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
 */
export function buildCalendar({ meetings, appUrl, name, isSubscription }: {
  meetings: CalendarMeeting[];
  appUrl: string;
  name: string;
  isSubscription: boolean;
}): string {
  const calendar = ical({
    name,
    prodId: { company: "Regional Cooperation Council", product: "Accord", language: "EN" },
    // A single download is a published event to import; a subscription is a feed clients poll.
    method: isSubscription ? null : ICalCalendarMethod.PUBLISH,
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
      summary: isCancelled ? `Cancelled: ${meeting.title}` : meeting.title,
      status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: meeting.format === "ONLINE" ? meeting.onlineUrl : meeting.venue,
      url: pageUrl,
      description: [
        describeMeetingTime(meeting),
        FORMAT_LABEL[meeting.format],
        meeting.venue && meeting.format !== "ONLINE" ? `Venue: ${meeting.venue}` : null,
        meeting.onlineUrl && meeting.format !== "IN_PERSON" ? `Join online: ${meeting.onlineUrl}` : null,
        `Agenda, documents and minutes: ${pageUrl}`,
      ]
        .filter(Boolean)
        .join("\n"),
    });
  }
  return calendar.toString();
}
