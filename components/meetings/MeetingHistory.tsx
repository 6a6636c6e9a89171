import type { MeetingDetail } from "@/lib/meetings/get-meeting";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { formatDateTime } from "@/components/ui/dates";
import styles from "@/components/meetings/meetings.module.css";

const CHANGE_LABEL: Record<string, string> = {
  title: "title",
  format: "format",
  venue: "venue",
  onlineUrl: "online link",
  documents: "linked documents",
};

function describe(entry: MeetingDetail["history"][number]): string {
  switch (entry.action) {
    case "meeting.imported":
      return "Added to Accord from the group's earlier records";
    case "meeting.scheduled":
      return "Scheduled";
    case "meeting.rescheduled":
      return entry.from && entry.to
        ? `Rescheduled from ${describeMeetingTime({ startsAt: new Date(entry.from.startsAt), endsAt: new Date(entry.from.endsAt), timeZone: entry.from.timeZone })} to ${describeMeetingTime({ startsAt: new Date(entry.to.startsAt), endsAt: new Date(entry.to.endsAt), timeZone: entry.to.timeZone })}`
        : "Rescheduled";
    case "meeting.updated":
      return `Changed the ${(entry.changed ?? []).map((field) => CHANGE_LABEL[field] ?? field).join(", ")}`;
    case "meeting.cancelled":
      return entry.reason ? `Cancelled: “${entry.reason}”` : "Cancelled";
    case "minutes.started":
      return "Started the minutes";
    case "minutes.circulated":
      return "Circulated the minutes for comments";
    case "minutes.approved":
      return "Approved the minutes";
  }
}

/** What happened to the meeting, oldest first, for everyone to see. */
export function MeetingHistory({ history }: { history: MeetingDetail["history"] }) {
  if (history.length === 0) return <p className="subtle">No changes recorded.</p>;
  return (
    <ol className={styles.timeline} data-testid="meeting-history">
      {history.map((entry) => (
        <li key={entry.id} data-tone={entry.action === "meeting.cancelled" ? "danger" : undefined} data-action={entry.action}>
          <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
          {describe(entry)} <span className="subtle">· {entry.actorName}</span>
        </li>
      ))}
    </ol>
  );
}
