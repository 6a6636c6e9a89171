import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findProgress } from "@/lib/progress/find-progress";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { formatDateTime } from "@/components/ui/dates";
import { ActionItemsTable, OverdueList } from "@/components/progress/ActionItemsSummary";
import { ActivityList } from "@/components/progress/ActivityList";
import { KeyFacts } from "@/components/progress/KeyFacts";
import { LastMeetingDecisions, NextMeeting } from "@/components/progress/MeetingsSummary";
import { Milestones } from "@/components/progress/Milestones";
import { SignOffRoundTable } from "@/components/progress/SignOffRoundTable";
import { ThreadCountsTable, threadsSummary } from "@/components/progress/ThreadCountsTable";
import { SuggestionCountsTable } from "@/components/suggestions/SuggestionCountsTable";
import { ThreadsChart } from "@/components/progress/ThreadsChart";
import styles from "@/components/progress/progress.module.css";

export const metadata: Metadata = { title: "Progress" };

export default async function ProgressPage() {
  const actor = await requireActorForPage();
  const report = await findProgress({ actor });
  const { memorandum } = report;
  return (
    <div className={styles.page}>
      <PageHeader
        eyebrow={`Progress report · ${formatDateTime(report.generatedAt)}`}
        title="Where the MoU stands"
        description={
          memorandum ? (
            <Link href={`/documents/${memorandum.id}`} data-testid="memorandum-title">{memorandum.title}</Link>
          ) : (
            "No Memorandum of Understanding has been created yet."
          )
        }
        actions={
          <div className={styles.actions}>
            <Link className="button button--primary" href="/progress/brief">Print / Save as PDF</Link>
            <a className="button" href="/progress/export.csv?layout=wide" download>Figures for Excel (CSV)</a>
            <a className="button" href="/progress/export.csv" download>Figures, one per line (CSV)</a>
            <Link className="button" href="/progress/activity">All activity</Link>
          </div>
        }
      />

      <KeyFacts report={report} />

      <section className="card" aria-labelledby="sign-off-heading">
        <div className="card__title">
          <h2 id="sign-off-heading">Sign-off</h2>
          {memorandum && report.latestRound && <Link href={`/documents/${memorandum.id}/sign-off`}>Every round and earlier positions</Link>}
        </div>
        {memorandum && report.latestRound ? (
          <>
            <SignOffRoundTable round={report.latestRound} documentId={memorandum.id} />
            <KosovoFootnote />
          </>
        ) : (
          <EmptyState title="No sign-off round yet">
            <p>When the RCC secretariat opens a round on a saved version, each economy&apos;s position appears here.</p>
          </EmptyState>
        )}
      </section>

      <section className="card" aria-labelledby="threads-heading">
        <div className="card__title">
          <h2 id="threads-heading">Comment threads per economy</h2>
          {memorandum && <Link href={`/documents/${memorandum.id}`}>Read the text and its comments</Link>}
        </div>
        <div className={styles.chartWithTable}>
          <ThreadsChart rows={report.threads.byEconomy} summary={threadsSummary(report.threads, (code) => getOrganisation(code).shortName)} />
          <ThreadCountsTable threads={report.threads} />
        </div>
        <KosovoFootnote />
      </section>

      {report.suggestions && (
        <section className="card" aria-labelledby="suggestions-heading">
          <div className="card__title">
            <h2 id="suggestions-heading">Suggestions in the text per economy</h2>
            {memorandum && <Link href={`/documents/${memorandum.id}`}>Review the suggestions</Link>}
          </div>
          <SuggestionCountsTable counts={report.suggestions} />
        </section>
      )}

      <div className={`grid grid--2 ${styles.pair}`}>
        <section className="card" aria-labelledby="meetings-heading">
          <div className="card__title">
            <h2 id="meetings-heading">Meetings</h2>
            <Link href="/meetings">All meetings</Link>
          </div>
          <h3 className={styles.subheading}>Next meeting</h3>
          <NextMeeting meeting={report.nextMeeting} />
          <h3 className={styles.subheading}>Decisions of the last meeting</h3>
          <LastMeetingDecisions meeting={report.lastMeeting} />
        </section>

        <section className="card" aria-labelledby="actions-heading">
          <div className="card__title">
            <h2 id="actions-heading">Action items</h2>
          </div>
          <ActionItemsTable actionItems={report.actionItems} />
          <h3 className={styles.subheading}>Overdue</h3>
          <OverdueList actionItems={report.actionItems} />
          <KosovoFootnote />
        </section>
      </div>

      <div className={`grid grid--2 ${styles.pair}`}>
        <section className="card" aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">Milestones</h2>
          <Milestones milestones={report.milestones} />
        </section>

        <section className="card" aria-labelledby="activity-heading">
          <div className="card__title">
            <h2 id="activity-heading">Latest activity</h2>
            <Link href="/progress/activity">All activity</Link>
          </div>
          {report.recentActivity.length ? <ActivityList entries={report.recentActivity} /> : <p className={styles.quiet}>Nothing has happened yet.</p>}
        </section>
      </div>
    </div>
  );
}
