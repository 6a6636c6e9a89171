import Link from "next/link";
import type { MeetingSummary } from "@/lib/meetings/find-meetings";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { FORMAT_LABEL, MINUTES_LABEL } from "@/components/meetings/labels";
import styles from "@/components/meetings/meetings.module.css";

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Meetings as rows with a date tile, time in the meeting's zone, format and state. */
export function MeetingList({ meetings, testId }: { meetings: MeetingSummary[]; testId: string }) {
  return (
    <ul className={styles.meetingList} data-testid={testId}>
      {meetings.map((meeting) => {
        const parts = new Intl.DateTimeFormat("en-GB", { timeZone: meeting.timeZone, day: "numeric", month: "short", year: "numeric" }).formatToParts(meeting.startsAt);
        const part = (type: string) => parts.find((entry) => entry.type === type)?.value;
        const isCancelled = meeting.status === "CANCELLED";
        return (
          <li key={meeting.id} className={styles.meetingRow} data-cancelled={isCancelled} data-testid="meeting" data-meeting={meeting.id}>
            <div className={styles.dateTile} aria-hidden="true">
              <div className={styles.dateTileMonth}>{part("month")}</div>
              <div className={styles.dateTileDay}>{part("day")}</div>
              <div className={styles.dateTileYear}>{part("year")}</div>
            </div>
            <div>
              <Link className={styles.meetingTitle} href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
              <div className={`${styles.meetingMeta} subtle`}>{describeMeetingTime(meeting)}</div>
              <div className={`${styles.meetingMeta} subtle`}>
                {FORMAT_LABEL[meeting.format]}{meeting.venue && meeting.format !== "ONLINE" ? `, ${meeting.venue}` : ""}
              </div>
              <div className={styles.badges}>
                {isCancelled ? (
                  <span className="badge badge--danger">Cancelled</span>
                ) : (
                  <>
                    {meeting._count.agendaItems > 0 && <span className="badge">{plural(meeting._count.agendaItems, "agenda item")}</span>}
                    {meeting._count.actionItems > 0 && <span className="badge badge--warning">{plural(meeting._count.actionItems, "open action item")}</span>}
                    {meeting.minutesStatus === "APPROVED" ? (
                      <span className="badge badge--success">Minutes approved</span>
                    ) : meeting.minutesStatus === "CIRCULATED" ? (
                      <span className="badge badge--info">Minutes: {MINUTES_LABEL.CIRCULATED.toLowerCase()}</span>
                    ) : null}
                  </>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
