import Link from "next/link";
import type { ProgressReport } from "@/lib/progress/find-progress";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDate } from "@/components/ui/dates";
import styles from "./progress.module.css";

type ActionItems = ProgressReport["actionItems"];

/** Open and overdue action items per economy; items of the secretariat, observers or nobody share one row. */
export function ActionItemsTable({ actionItems }: { actionItems: ActionItems }) {
  return (
    <table className={`table ${styles.table} ${styles.figures}`} data-testid="action-items">
      <caption className="visually-hidden">Open and overdue action items per economy</caption>
      <thead>
        <tr>
          <th scope="col">Owner</th>
          <th scope="col" className={styles.number}>Open</th>
          <th scope="col" className={styles.number}>Overdue</th>
        </tr>
      </thead>
      <tbody>
        {actionItems.byOwner.map((row) => (
          <tr key={row.organisationCode ?? "other"} data-economy={row.organisationCode ?? "OTHER"}>
            <th scope="row">{row.organisationCode ? <EconomyBadge code={row.organisationCode} /> : <span className={styles.otherOwners}>Secretariat, observers, unassigned</span>}</th>
            <td className={styles.number} data-measure="open">{row.open}</td>
            <td className={styles.number} data-measure="overdue">
              {row.overdue > 0 ? <span className={styles.overdue}>{row.overdue}</span> : 0}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All owners</th>
          <td className={styles.number}>{actionItems.totals.open}</td>
          <td className={styles.number}>{actionItems.totals.overdue}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The overdue items themselves, oldest due date first. */
export function OverdueList({ actionItems, limit, isCompact = false }: { actionItems: ActionItems; limit?: number; isCompact?: boolean }) {
  const items = actionItems.overdue.slice(0, limit);
  if (items.length === 0) return <p className={styles.quiet}>Nothing is overdue.</p>;
  const more = actionItems.totals.overdue - items.length;
  return (
    <>
      <ul className={styles.overdueList} data-testid="overdue-items">
        {items.map((item) => (
          <li key={item.id}>
            <span className={styles.itemText}>{item.text}</span>
            <span className={styles.itemMeta}>
              {item.owner ? getOrganisation(item.owner).shortName : "Unassigned"}
              {item.ownerUser ? ` (${item.ownerUser.name})` : ""} · due {item.dueDate ? formatDate(item.dueDate) : "—"}
              {isCompact ? null : (
                <>
                  {" "}· <Link href={`/meetings/${item.meeting.id}`}>{item.meeting.title}</Link>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className={styles.quiet}>
          and {more} more overdue: <Link href="/meetings/action-items">all action items</Link>
        </p>
      )}
    </>
  );
}
