import type { ProgressReport } from "@/lib/progress/find-progress";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { THREAD_SERIES } from "@/components/progress/thread-series";
import styles from "./progress.module.css";

/** The chart's figures as a table: every number, for screen readers, print and anyone who prefers numbers. */
export function ThreadCountsTable({ threads }: { threads: ProgressReport["threads"] }) {
  return (
    <table className={`table ${styles.table} ${styles.figures}`} data-testid="thread-counts">
      <caption className="visually-hidden">Comment threads on the MoU per economy, by status</caption>
      <thead>
        <tr>
          <th scope="col">Economy</th>
          {THREAD_SERIES.map((series) => (
            <th scope="col" key={series.key} className={styles.number}>
              <span className={styles.swatch} style={{ background: series.swatch }} aria-hidden="true" />
              {series.label}
            </th>
          ))}
          <th scope="col" className={styles.number}>Total</th>
        </tr>
      </thead>
      <tbody>
        {threads.byEconomy.map((row) => (
          <tr key={row.organisationCode} data-economy={row.organisationCode}>
            <th scope="row"><EconomyBadge code={row.organisationCode} /></th>
            <td className={styles.number} data-status="open">{row.open}</td>
            <td className={styles.number} data-status="answered">{row.answered}</td>
            <td className={styles.number} data-status="resolved">{row.resolved}</td>
            <td className={styles.number}>{row.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All economies</th>
          <td className={styles.number}>{threads.totals.open}</td>
          <td className={styles.number}>{threads.totals.answered}</td>
          <td className={styles.number}>{threads.totals.resolved}</td>
          <td className={styles.number}>{threads.totals.total}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** One sentence per economy, read out instead of the chart's bars. */
export function threadsSummary(threads: ProgressReport["threads"], names: (code: string) => string): string {
  const parts = threads.byEconomy.map((row) => `${names(row.organisationCode)}: ${row.open} open, ${row.answered} answered, ${row.resolved} resolved`);
  return `Comment threads on the MoU per economy. ${parts.join("; ")}.`;
}
