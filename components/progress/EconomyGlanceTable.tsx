import type { ProgressReport } from "@/lib/progress/find-progress";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDate } from "@/components/ui/dates";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import styles from "./progress.module.css";

/** A reservation may run to 4,000 characters; the brief keeps one page and points to the full text. */
const RESERVATION_LENGTH = 160;
const shorten = (text: string) => (text.length > RESERVATION_LENGTH ? `${text.slice(0, RESERVATION_LENGTH - 1).trimEnd()}… (full text on the sign-off page)` : text);

/**
 * One row per economy with everything the brief says about it: its position in the latest round,
 * its reservation, its comment threads and its action items. For the one-page brief, where the
 * page's separate tables would not fit.
 */
export function EconomyGlanceTable({ report }: { report: ProgressReport }) {
  const round = report.latestRound;
  return (
    <table className={`table ${styles.table} ${styles.glance}`} data-testid="economies-at-a-glance">
      <caption className={styles.caption}>
        {round
          ? `Positions in sign-off round ${round.number} on v${round.version.number} “${round.version.name}” (${round.status === "OPEN" ? "open" : "closed"}), comment threads on the MoU and action items.`
          : "No sign-off round has been opened yet. Comment threads on the MoU and action items."}
      </caption>
      <thead>
        <tr>
          <th scope="col">Economy</th>
          <th scope="col">Position</th>
          <th scope="col">Reservation or reason</th>
          <th scope="col" className={styles.number}>Threads: open / answered / resolved</th>
          <th scope="col" className={styles.number}>Action items: open / overdue</th>
        </tr>
      </thead>
      <tbody>
        {report.threads.byEconomy.map((threads) => {
          const code = threads.organisationCode;
          const signOff = round?.positions.find((row) => row.organisationCode === code)?.signOff ?? null;
          const actions = report.actionItems.byOwner.find((row) => row.organisationCode === code);
          return (
            <tr key={code} data-economy={code}>
              <th scope="row"><EconomyBadge code={code} /></th>
              <td>
                {signOff ? (
                  <>
                    <PositionBadge position={signOff.position} />
                    <span className={styles.who}>{formatDate(signOff.recordedAt)}</span>
                  </>
                ) : (
                  <span className={styles.none}>{round ? "No position yet" : "—"}</span>
                )}
              </td>
              <td className={styles.reservation}>{shorten(signOff?.reservation ?? signOff?.reason ?? "")}</td>
              <td className={styles.number}>{threads.open} / {threads.answered} / {threads.resolved}</td>
              <td className={styles.number}>
                {actions?.open ?? 0} / {actions?.overdue ? <span className={styles.overdue}>{actions.overdue}</span> : 0}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
