import Link from "next/link";
import type { AuditEntriesFilter } from "@/lib/audit/find-entries";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_KEYS } from "@/lib/progress/describe-activity";
import styles from "./audit.module.css";

/** Kind of activity and acting organisation; a plain GET form, so a filtered page can be bookmarked or shared. */
export function AuditFilters({ filter }: { filter: AuditEntriesFilter }) {
  const isFiltered = Boolean(filter.kind || filter.organisationCode);
  return (
    <form className={styles.filters} method="get" aria-label="Filter entries">
      <div className="field">
        <label htmlFor="audit-kind">Kind</label>
        <select className="select" id="audit-kind" name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">All kinds</option>
          {ACTIVITY_CATEGORY_KEYS.map((key) => (
            <option key={key} value={key}>{ACTIVITY_CATEGORIES[key].label}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-organisation">Economy or organisation</label>
        <select className="select" id="audit-organisation" name="organisationCode" defaultValue={filter.organisationCode ?? ""}>
          <option value="">Everyone</option>
          {ORGANISATIONS.map((entry) => (
            <option key={entry.code} value={entry.code}>{entry.shortName}</option>
          ))}
        </select>
      </div>
      <div className={styles.filterActions}>
        <button className="button" type="submit">Show entries</button>
        {isFiltered && <Link href="/audit#entries">Clear filters</Link>}
      </div>
    </form>
  );
}
