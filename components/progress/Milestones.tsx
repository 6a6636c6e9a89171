import Link from "next/link";
import type { Milestone, MilestoneKind } from "@/lib/progress/find-progress";
import { formatDate } from "@/components/ui/dates";
import styles from "./progress.module.css";

/** Each kind has its own marker shape as well as its colour, so the timeline reads in greyscale. */
const KIND: Record<MilestoneKind, { label: string; marker: string }> = {
  meeting: { label: "Meeting", marker: styles.markerMeeting },
  upcomingMeeting: { label: "Upcoming meeting", marker: styles.markerUpcoming },
  version: { label: "Version", marker: styles.markerVersion },
  roundOpened: { label: "Sign-off", marker: styles.markerRound },
  roundClosed: { label: "Sign-off", marker: styles.markerRound },
  approvedByAll: { label: "Approval", marker: styles.markerApproval },
  minutesApproved: { label: "Minutes", marker: styles.markerMinutes },
};

function MilestoneList({ milestones }: { milestones: Milestone[] }) {
  return (
    <ol className={styles.timeline}>
      {milestones.map((milestone) => (
        <li key={milestone.key} data-kind={milestone.kind}>
          <span className={`${styles.marker} ${KIND[milestone.kind].marker}`} aria-hidden="true" />
          <time className={styles.timelineDate} dateTime={milestone.at.toISOString()}>{formatDate(milestone.at)}</time>
          <span className={styles.timelineBody}>
            <span className={styles.timelineKind}>{KIND[milestone.kind].label}</span> <Link href={milestone.href}>{milestone.label}</Link>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The group's milestones, newest last; older ones fold away when there are many. */
export function Milestones({ milestones, shown = 10, isFoldable = true }: { milestones: Milestone[]; shown?: number; isFoldable?: boolean }) {
  if (milestones.length === 0) return <p className={styles.quiet}>No milestones yet.</p>;
  const earlier = milestones.slice(0, Math.max(0, milestones.length - shown));
  const recent = milestones.slice(earlier.length);
  return (
    <div data-testid="milestones">
      {earlier.length > 0 && isFoldable && (
        <details className={styles.earlier}>
          <summary>{earlier.length} earlier milestone{earlier.length === 1 ? "" : "s"}</summary>
          <MilestoneList milestones={earlier} />
        </details>
      )}
      <MilestoneList milestones={recent} />
    </div>
  );
}
