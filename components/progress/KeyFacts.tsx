import Link from "next/link";
import type { ProgressReport } from "@/lib/progress/find-progress";
import { formatDate, formatDateTime } from "@/components/ui/dates";
import { versionLabel } from "@/components/versions/version-label";
import styles from "./progress.module.css";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The five facts a minister's office asks first, each with its source one click away. */
export function KeyFacts({ report }: { report: ProgressReport }) {
  const { memorandum, latestRound: round, threads, actionItems, nextMeeting } = report;
  const approvals = round ? round.tally.APPROVE + round.tally.APPROVE_AD_REFERENDUM + round.tally.APPROVE_WITH_RESERVATION : 0;
  return (
    <dl className={styles.facts} data-testid="key-facts">
      <div className={styles.fact}>
        <dt>Current text</dt>
        <dd className={styles.factValue} data-testid="current-version">
          {memorandum?.currentVersion ? (
            <Link href={`/documents/${memorandum.id}/versions/${memorandum.currentVersion.id}`}>{versionLabel(memorandum.currentVersion)}</Link>
          ) : (
            "No version saved yet"
          )}
        </dd>
        <dd className={styles.factDetail}>
          {memorandum?.currentVersion && <>Saved {formatDate(memorandum.currentVersion.createdAt)}. </>}
          {memorandum?.lastEditedAt && (
            <span data-testid="last-activity">
              Last edited <time dateTime={memorandum.lastEditedAt.toISOString()} title={formatDateTime(memorandum.lastEditedAt)}>{formatDate(memorandum.lastEditedAt)}</time>
              {memorandum.lastEditedBy ? ` by ${memorandum.lastEditedBy.name}` : ""}.
            </span>
          )}
        </dd>
      </div>
      <div className={styles.fact}>
        <dt>Sign-off</dt>
        <dd className={styles.factValue}>{round ? `${approvals} of ${round.positions.length} approve` : "Not started"}</dd>
        <dd className={styles.factDetail}>
          {round
            ? `Round ${round.number} on v${round.version.number}, ${round.status === "OPEN" ? "open" : "closed"}. ${round.tally.NOT_READY} not ready, ${round.tally.NONE} without a position.`
            : "No sign-off round has been opened."}
        </dd>
      </div>
      <div className={styles.fact}>
        <dt>Open points</dt>
        <dd className={styles.factValue}>{plural(threads.totals.open + threads.totals.answered, "thread")} to settle</dd>
        <dd className={styles.factDetail}>
          {threads.totals.open} open, {threads.totals.answered} answered, {threads.totals.resolved} resolved.
        </dd>
      </div>
      <div className={styles.fact}>
        <dt>Action items</dt>
        <dd className={styles.factValue}>{plural(actionItems.totals.open, "open item")}</dd>
        <dd className={`${styles.factDetail} ${actionItems.totals.overdue ? styles.overdueText : ""}`}>{actionItems.totals.overdue} overdue.</dd>
      </div>
      <div className={styles.fact}>
        <dt>Next meeting</dt>
        <dd className={styles.factValue}>
          {nextMeeting ? <time dateTime={nextMeeting.startsAt.toISOString()}>{formatDate(nextMeeting.startsAt)}</time> : "None scheduled"}
        </dd>
        <dd className={styles.factDetail}>{nextMeeting ? (nextMeeting.isUnderWay ? `Under way now: ${nextMeeting.title}` : nextMeeting.title) : "The secretariat will announce it."}</dd>
      </div>
    </dl>
  );
}
