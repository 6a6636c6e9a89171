import Link from "next/link";
import { redirect } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { findAttention } from "@/lib/home/find-attention";
import { landingPath } from "@/lib/home/landing-path";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatDateTime } from "@/components/ui/dates";

const GREETING = {
  SECRETARIAT: "Here is what the working group needs from the secretariat.",
  DELEGATE: "Here is what needs your delegation's attention.",
} as const;

export default async function HomePage() {
  const actor = await requireActorForPage();
  // Observers follow the group rather than act in it: their landing page is the progress report.
  if (actor.role === "OBSERVER") redirect(landingPath(actor));
  const { items, upcomingMeetings, memorandum } = await findAttention({ actor });
  const organisation = getOrganisation(actor.organisationCode);
  return (
    <>
      <PageHeader
        eyebrow={organisation.name}
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={GREETING[actor.role]}
      />
      {memorandum && (
        <section className="card home-memorandum" aria-labelledby="memorandum-heading" style={{ marginBottom: "var(--space-4)" }}>
          <div className="card__title">
            <div>
              <div className="page-header__eyebrow">Under negotiation</div>
              <h2 id="memorandum-heading">{memorandum.title}</h2>
              {memorandum.lastEditedAt && (
                <p className="subtle" style={{ margin: 0 }}>
                  Last edited {formatDateTime(memorandum.lastEditedAt)}
                  {memorandum.lastEditedBy ? ` by ${memorandum.lastEditedBy.name}` : ""}
                </p>
              )}
            </div>
            <Link className="button button--primary" href={`/documents/${memorandum.id}`}>
              Open the draft
            </Link>
          </div>
        </section>
      )}
      <section aria-labelledby="attention-heading" className="stack">
        <h2 id="attention-heading" className="visually-hidden">Needs attention</h2>
        <div className="grid grid--3" data-testid="attention">
          {items.map((item) => (
            <Link key={item.key} href={item.href} className="card" style={{ textDecoration: "none", color: "inherit" }} data-attention={item.key}>
              <div className="attention-count">{item.count}</div>
              <div className="muted">{item.label}</div>
            </Link>
          ))}
        </div>
      </section>
      <section className="card" style={{ marginTop: "var(--space-5)" }} aria-labelledby="upcoming-heading">
        <div className="card__title">
          <h2 id="upcoming-heading">Upcoming meetings</h2>
          <Link href="/meetings">All meetings</Link>
        </div>
        {upcomingMeetings.length === 0 ? (
          <EmptyState title="No meeting is scheduled">
            <p>{actor.role === "SECRETARIAT" ? "Schedule the next meeting from the Meetings page." : "The RCC secretariat will schedule the next meeting."}</p>
          </EmptyState>
        ) : (
          <ul className="list">
            {upcomingMeetings.map((meeting) => (
              <li key={meeting.id}>
                <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
                <span className="subtle">{formatDateTime(meeting.startsAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
