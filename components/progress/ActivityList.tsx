import Link from "next/link";
import type { ActivityEntry } from "@/lib/progress/describe-activity";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import styles from "./progress.module.css";

/** Audit entries as sentences: who (and for which organisation), what, when. */
export function ActivityList({ entries }: { entries: ActivityEntry[] }) {
  return (
    <ol className={styles.activity} data-testid="activity">
      {entries.map((entry) => (
        <li key={entry.id} data-action={entry.action} data-organisation={entry.organisationCode ?? ""}>
          <div className={styles.activityWho}>
            {entry.organisationCode ? <EconomyBadge code={entry.organisationCode} isShort /> : null}
          </div>
          <p className={styles.activitySentence}>
            <strong>{entry.actorName}</strong> {entry.description.before}
            {entry.description.link && (
              <>
                {" "}
                <Link href={entry.description.link.href}>{entry.description.link.label}</Link>
              </>
            )}
            {entry.description.after ? ` ${entry.description.after}` : ""}
          </p>
          <time className={styles.activityTime} dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
        </li>
      ))}
    </ol>
  );
}
