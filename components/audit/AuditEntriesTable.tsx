import Link from "next/link";
import type { AuditEntriesPage } from "@/lib/audit/find-entries";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatDateTime } from "@/components/ui/dates";
import { CopyButton } from "./CopyButton";
import { HashText } from "./HashText";
import styles from "./audit.module.css";

function pageHref(page: AuditEntriesPage, number: number): string {
  const query = new URLSearchParams();
  if (page.filter.kind) query.set("kind", page.filter.kind);
  if (page.filter.organisationCode) query.set("organisationCode", page.filter.organisationCode);
  if (number > 1) query.set("page", String(number));
  const search = query.toString();
  return `/audit${search ? `?${search}` : ""}#entries`;
}

/** The audit log's entries, newest first, with their hashes; on a phone each row becomes a small card. */
export function AuditEntriesTable({ page }: { page: AuditEntriesPage }) {
  if (page.entries.length === 0) {
    return (
      <EmptyState title="No entries match">
        <p>Choose another kind or organisation, or clear the filters.</p>
      </EmptyState>
    );
  }
  const { filter, pageCount, total } = page;
  return (
    <>
      <table className={`table ${styles.entries}`} data-testid="audit-entries">
        <caption className="visually-hidden">Audit log entries, newest first, page {filter.page} of {pageCount}</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">Action</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {page.entries.map((entry) => (
            <tr key={entry.id} data-entry={entry.id} data-action={entry.action}>
              {/* One wrapper per cell: on a phone the cell becomes a label and this value side by side. */}
              <td data-label="Entry" className={styles.entryNumber}><div>#{entry.id}</div></td>
              <td data-label="When"><div><time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time></div></td>
              <td data-label="What happened" className={styles.what}>
                <div>
                  {entry.organisationCode && <EconomyBadge code={entry.organisationCode} isShort />} {entry.sentence}
                  {entry.rowDigest && (
                    <span className={styles.rowDigest}>
                      Binds the {entry.targetType === "signOff" ? "position" : "version"} row: <HashText value={entry.rowDigest} />
                    </span>
                  )}
                </div>
              </td>
              <td data-label="Action"><div><code className={styles.action}>{entry.action}</code></div></td>
              <td data-label="Hash">
                <div>
                  <span className={styles.hashCell}>
                    <HashText value={entry.hash} />
                    <CopyButton value={entry.hash} label={`hash of entry ${entry.id}`} />
                  </span>
                  <span className={styles.previous}>after <HashText value={entry.previousHash} /></span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className={styles.pager} aria-label="Pages of entries">
        {filter.page > 1 ? <Link href={pageHref(page, filter.page - 1)} rel="prev">← Newer</Link> : <span aria-hidden="true" />}
        <span className="subtle" data-testid="audit-page-status">
          Page {filter.page} of {pageCount} · {total} {total === 1 ? "entry" : "entries"}
        </span>
        {filter.page < pageCount ? <Link href={pageHref(page, filter.page + 1)} rel="next">Older →</Link> : <span aria-hidden="true" />}
      </nav>
    </>
  );
}
