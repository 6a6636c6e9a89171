import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findProgress } from "@/lib/progress/find-progress";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { formatDate, formatDateTime } from "@/components/ui/dates";
import { ActionItemsTable, OverdueList } from "@/components/progress/ActionItemsSummary";
import { KeyFacts } from "@/components/progress/KeyFacts";
import { LastMeetingDecisions } from "@/components/progress/MeetingsSummary";
import { Milestones } from "@/components/progress/Milestones";
import { PrintButton } from "@/components/progress/PrintButton";
import { SignOffRoundTable } from "@/components/progress/SignOffRoundTable";
import { ThreadCountsTable, threadsSummary } from "@/components/progress/ThreadCountsTable";
import { ThreadsChart } from "@/components/progress/ThreadsChart";
import styles from "@/components/progress/progress.module.css";

export const metadata: Metadata = { title: "Progress brief" };

/** Fits the chart to half of an A4 page so the server and the printer agree on its size. */
const CHART_WIDTH = 340;

/** The progress page as a one-page brief for a minister's office: printed, or saved as PDF from the print dialog. */
export default async function ProgressBriefPage() {
  const actor = await requireActorForPage();
  const report = await findProgress({ actor });
  const { memorandum } = report;
  return (
    <>
      <div className={styles.briefToolbar}>
        <Link href="/progress">← Back to the progress page</Link>
        <PrintButton />
      </div>
      <main className={styles.brief} data-testid="brief">
        <header className={styles.briefHeader}>
          <div>
            <div className={styles.briefOrganisation}>Regional Cooperation Council · Working Group on interoperability and trust services</div>
            <h1>Progress brief</h1>
            <p className={styles.briefSubtitle}>{memorandum ? memorandum.title : "No Memorandum of Understanding has been created yet."}</p>
          </div>
          <div className={styles.briefDate}>
            As of
            <strong>{formatDate(report.generatedAt)}</strong>
            {formatDateTime(report.generatedAt).split(", ").at(-1)}
          </div>
        </header>

        <KeyFacts report={report} />

        <div className={styles.briefGrid}>
          <section className={styles.briefWide} aria-labelledby="brief-sign-off">
            <h2 id="brief-sign-off">Sign-off</h2>
            {memorandum && report.latestRound ? (
              <SignOffRoundTable round={report.latestRound} documentId={memorandum.id} isCompact />
            ) : (
              <p className={styles.quiet}>No sign-off round has been opened yet.</p>
            )}
          </section>

          <section aria-labelledby="brief-threads">
            <h2 id="brief-threads">Comment threads per economy</h2>
            <ThreadsChart rows={report.threads.byEconomy} width={CHART_WIDTH} summary={threadsSummary(report.threads, (code) => getOrganisation(code).shortName)} />
          </section>
          <section aria-labelledby="brief-thread-figures">
            <h2 id="brief-thread-figures">Figures</h2>
            <ThreadCountsTable threads={report.threads} />
          </section>

          <section aria-labelledby="brief-decisions">
            <h2 id="brief-decisions">Decisions of the last meeting</h2>
            <LastMeetingDecisions meeting={report.lastMeeting} limit={5} />
          </section>
          <section aria-labelledby="brief-actions">
            <h2 id="brief-actions">Action items</h2>
            <ActionItemsTable actionItems={report.actionItems} />
            <OverdueList actionItems={report.actionItems} limit={3} />
          </section>

          <section className={styles.briefWide} aria-labelledby="brief-milestones">
            <h2 id="brief-milestones">Recent milestones</h2>
            <Milestones milestones={report.milestones} shown={6} isFoldable={false} />
          </section>
        </div>
        <KosovoFootnote />
      </main>
    </>
  );
}
