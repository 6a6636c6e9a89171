import Link from "next/link";
import type { CSSProperties } from "react";
import type { ActivityEntry } from "@/lib/progress/describe-activity";
import { formatDateTime } from "@/components/ui/dates";
import styles from "./progress.module.css";

/** Audit entries as sentences: who (and for which organisation), what, when. */
export function ActivityList({ entries }: { entries: ActivityEntry[] }) {
  return (
    <ol className={styles.activity} data-testid="activity">
      {entries.map((entry) => (
        <li key={entry.id} data-action={entry.action} data-organisation={entry.organisationCode ?? ""}>
          <span
            className={styles.activitySwatch}
            style={(entry.organisationCode ? { "--economy-colour": `var(--economy-${entry.organisationCode})` } : {}) as CSSProperties}
            aria-hidden="true"
          />
          <p className={styles.activitySentence}>
            <strong>{entry.who}</strong> {entry.description.before}
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
