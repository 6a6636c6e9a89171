import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findActivity, type ActivityFilter } from "@/lib/progress/find-activity";
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_KEYS } from "@/lib/progress/describe-activity";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { ActivityList } from "@/components/progress/ActivityList";
import styles from "@/components/progress/progress.module.css";

export const metadata: Metadata = { title: "Activity" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function pageHref(filter: ActivityFilter, before?: number): string {
  const query = new URLSearchParams();
  if (filter.organisationCode) query.set("organisation", filter.organisationCode);
  if (filter.category) query.set("type", filter.category);
  if (before) query.set("before", String(before));
  const text = query.toString();
  return text ? `/progress/activity?${text}` : "/progress/activity";
}

export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActorForPage();
  const params = await searchParams;
  const { filter, entries, nextCursor } = await findActivity({
    actor,
    organisationCode: single(params.organisation),
    category: single(params.type),
    before: single(params.before),
  });
  const isFiltered = Boolean(filter.organisationCode || filter.category);
  return (
    <div className={styles.page}>
      <PageHeader
        eyebrow="Progress"
        title="Activity"
        description="Everything that happened in the working group, newest first, from the tamper-evident audit log."
        actions={<Link className="button" href="/progress">Back to progress</Link>}
      />
      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading" className="visually-hidden">Activity log</h2>
        <form className={styles.filters} method="get" action="/progress/activity" role="search" aria-label="Filter the activity">
          <div className="field">
            <label htmlFor="organisation">Who acted</label>
            <select className="select" id="organisation" name="organisation" defaultValue={filter.organisationCode ?? ""}>
              <option value="">Everyone</option>
              <optgroup label="Economies">
                {ORGANISATIONS.filter((entry) => entry.kind === "ECONOMY").map((entry) => (
                  <option key={entry.code} value={entry.code}>{entry.name}</option>
                ))}
              </optgroup>
              <optgroup label="Secretariat and observers">
                {ORGANISATIONS.filter((entry) => entry.kind !== "ECONOMY").map((entry) => (
                  <option key={entry.code} value={entry.code}>{entry.name}</option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="field">
            <label htmlFor="type">Type of activity</label>
            <select className="select" id="type" name="type" defaultValue={filter.category ?? ""}>
              <option value="">All types</option>
              {ACTIVITY_CATEGORY_KEYS.map((key) => (
                <option key={key} value={key}>{ACTIVITY_CATEGORIES[key].label}</option>
              ))}
            </select>
          </div>
          <button className="button button--primary" type="submit">Show</button>
          {isFiltered && <Link href="/progress/activity">Clear filters</Link>}
        </form>
        <div style={{ marginTop: "var(--space-4)" }}>
          {entries.length ? (
            <ActivityList entries={entries} />
          ) : (
            <EmptyState title={filter.before ? "No older activity" : "No activity matches"}>
              <p>{isFiltered ? "Try another organisation or type, or clear the filters." : "Changes to documents, meetings and sign-off will be listed here."}</p>
            </EmptyState>
          )}
        </div>
        <nav className={styles.pager} aria-label="Pages of activity">
          {filter.before ? <Link href={pageHref(filter)}>← Newest</Link> : <span />}
          {nextCursor ? <Link href={pageHref(filter, nextCursor)} rel="next">Older entries →</Link> : <span className={styles.quiet}>{entries.length ? "This is the oldest activity." : ""}</span>}
        </nav>
        <KosovoFootnote />
      </section>
    </div>
  );
}
