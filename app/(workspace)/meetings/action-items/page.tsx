import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findActionItems } from "@/lib/meetings/find-action-items";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { ActionItemsTable } from "@/components/meetings/ActionItemsTable";
import styles from "@/components/meetings/meetings.module.css";
import { setActionItemStatusAction } from "../actions";

export const metadata: Metadata = { title: "Action items" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ActionItemsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActorForPage();
  const query = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const { filter, items } = await findActionItems({
    actor,
    organisationCode: single(query.economy),
    dueBefore: single(query.dueBefore),
    isOverdueOnly: single(query.overdue),
    isDoneIncluded: single(query.done),
  });
  const overdueCount = items.filter((item) => item.isOverdue).length;
  const isFiltered = Boolean(filter.organisationCode || filter.dueBefore || filter.isOverdueOnly || filter.isDoneIncluded);
  return (
    <>
      <PageHeader
        eyebrow="Meetings"
        title="Action items"
        description="Everything the working group agreed to do, across all meetings. Owners mark their items done here."
        actions={<Link className="button" href="/meetings">All meetings</Link>}
      />
      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="visually-hidden">Filter</h2>
        <form className={styles.filters} method="get" role="search" aria-label="Filter action items">
          <div className="field">
            <label htmlFor="economy">Economy or organisation</label>
            <select className="select" id="economy" name="economy" defaultValue={filter.organisationCode ?? ""}>
              <option value="">All</option>
              {ORGANISATIONS.map((entry) => (
                <option key={entry.code} value={entry.code}>{entry.name}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dueBefore">Due on or before</label>
            <input className="input" type="date" id="dueBefore" name="dueBefore" defaultValue={filter.dueBefore ?? ""} />
          </div>
          <label className={styles.checkboxField}>
            <input type="checkbox" name="overdue" value="true" defaultChecked={filter.isOverdueOnly} /> Overdue only
          </label>
          <label className={styles.checkboxField}>
            <input type="checkbox" name="done" value="true" defaultChecked={filter.isDoneIncluded} /> Include done
          </label>
          <div className="row">
            <button className="button button--primary" type="submit">Apply</button>
            {isFiltered && <Link href="/meetings/action-items">Clear</Link>}
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="items-heading">
        <div className="card__title">
          <h2 id="items-heading">
            {items.length} {filter.isDoneIncluded ? "" : "open "}action item{items.length === 1 ? "" : "s"}
          </h2>
          {overdueCount > 0 && <span className="badge badge--danger">{overdueCount} overdue</span>}
        </div>
        {items.length ? (
          <ActionItemsTable items={items} setStatusAction={setActionItemStatusAction} />
        ) : (
          <EmptyState title={isFiltered ? "No action items match" : "No open action items"}>
            <p>{isFiltered ? "Change or clear the filter to see more." : "Action items are recorded with a meeting's minutes."}</p>
          </EmptyState>
        )}
        <KosovoFootnote />
      </section>
    </>
  );
}
