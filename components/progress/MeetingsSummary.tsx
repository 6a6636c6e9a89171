import Link from "next/link";
import type { ProgressReport } from "@/lib/progress/find-progress";
import { formatDateTime } from "@/components/ui/dates";
import styles from "./progress.module.css";

const FORMAT_LABEL = { IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid" } as const;
const MINUTES_LABEL = { DRAFT: "Minutes in draft", CIRCULATED: "Minutes circulated", APPROVED: "Minutes approved" } as const;

/** When and where the group meets next. */
export function NextMeeting({ meeting }: { meeting: ProgressReport["nextMeeting"] }) {
  if (!meeting) return <p className={styles.quiet}>No meeting is scheduled yet. The RCC secretariat will announce the next one.</p>;
  return (
    <div className={styles.meeting} data-testid="next-meeting">
      {meeting.isUnderWay && <span className="badge badge--info">Under way now</span>}
      <Link className={styles.meetingTitle} href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      <span className={styles.itemMeta}>
        <time dateTime={meeting.startsAt.toISOString()}>{formatDateTime(meeting.startsAt)}</time> · {FORMAT_LABEL[meeting.format]}
        {meeting.venue ? ` · ${meeting.venue}` : ""}
      </span>
    </div>
  );
}

/** The decisions of the last meeting held, in the order the minutes record them. */
export function LastMeetingDecisions({ meeting, limit, maxLength }: { meeting: ProgressReport["lastMeeting"]; limit?: number; maxLength?: number }) {
  if (!meeting) return <p className={styles.quiet}>The group has not met yet.</p>;
  const decisions = meeting.decisions.slice(0, limit);
  const more = meeting.decisions.length - decisions.length;
  return (
    <div className={styles.meeting} data-testid="last-meeting">
      <Link className={styles.meetingTitle} href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      <span className={styles.itemMeta}>
        <time dateTime={meeting.startsAt.toISOString()}>{formatDateTime(meeting.startsAt)}</time> ·{" "}
        <span className={meeting.minutesStatus === "APPROVED" ? styles.approved : undefined}>{MINUTES_LABEL[meeting.minutesStatus]}</span>
      </span>
      {decisions.length === 0 ? (
        <p className={styles.quiet}>No decisions are recorded for this meeting.</p>
      ) : (
        <>
          <ol className={styles.decisions}>
            {decisions.map((decision) => (
              <li key={decision.id}>{maxLength && decision.text.length > maxLength ? `${decision.text.slice(0, maxLength - 1).trimEnd()}…` : decision.text}</li>
            ))}
          </ol>
          {more > 0 && <p className={styles.quiet}>and {more} more in the minutes</p>}
        </>
      )}
    </div>
  );
}
