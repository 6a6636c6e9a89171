import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findAuditChainHead, formatAuditAnchor } from "@/lib/audit/chain-head";
import { findProgress } from "@/lib/progress/find-progress";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { formatDate, formatDateTime } from "@/components/ui/dates";
import { OverdueList } from "@/components/progress/ActionItemsSummary";
import { EconomyGlanceTable } from "@/components/progress/EconomyGlanceTable";
import { KeyFacts } from "@/components/progress/KeyFacts";
import { LastMeetingDecisions } from "@/components/progress/MeetingsSummary";
import { Milestones } from "@/components/progress/Milestones";
import { PrintButton } from "@/components/progress/PrintButton";
import { threadsSummary } from "@/components/progress/ThreadCountsTable";
import { ThreadsChart } from "@/components/progress/ThreadsChart";
import styles from "@/components/progress/progress.module.css";
import auditStyles from "@/components/audit/audit.module.css";

export const metadata: Metadata = { title: "Progress brief" };

/** Half the width of an A4 page inside its margins, so the server and the printer agree on the chart's size. */
const CHART_WIDTH = 340;

/** The progress page as a one-page brief for a minister's office: printed, or saved as PDF from the print dialog. */
export default async function ProgressBriefPage() {
  const actor = await requireActorForPage();
  const [report, auditHead] = await Promise.all([findProgress({ actor }), findAuditChainHead()]);
  const { memorandum } = report;
  return (
    <>
      <div className={styles.briefToolbar}>
        <Link href="/progress">← Back to the progress page</Link>
        {memorandum && report.latestRound && (
          <a href={`/api/documents/${memorandum.id}/versions/${report.latestRound.version.id}/export?format=pdf`} download>
            Signable PDF of version {report.latestRound.version.number} (round {report.latestRound.number})
          </a>
        )}
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
          <section className={styles.briefWide} aria-labelledby="brief-economies">
            <h2 id="brief-economies">The economies at a glance</h2>
            <EconomyGlanceTable report={report} />
          </section>

          <section aria-labelledby="brief-threads">
            <h2 id="brief-threads">Comment threads per economy</h2>
            <ThreadsChart rows={report.threads.byEconomy} width={CHART_WIDTH} isCompact summary={threadsSummary(report.threads, (code) => getOrganisation(code).shortName)} />
          </section>

          <section aria-labelledby="brief-decisions">
            <h2 id="brief-decisions">Decisions of the last meeting</h2>
            <LastMeetingDecisions meeting={report.lastMeeting} limit={4} maxLength={160} />
            <h2 id="brief-overdue" className={styles.briefSecond}>Overdue action items</h2>
            <OverdueList actionItems={report.actionItems} limit={3} isCompact />
          </section>

          <section className={styles.briefWide} aria-labelledby="brief-milestones">
            <h2 id="brief-milestones">Recent milestones</h2>
            <Milestones milestones={report.milestones} shown={6} isFoldable={false} />
          </section>
        </div>
        <KosovoFootnote />
        {auditHead && (
          // The printed head is an anchor held outside Accord: checking it later on /audit shows whether the record was cut short or rewritten.
          <p className={auditStyles.printedHead} data-testid="brief-audit-head">
            Audit chain head (check at /audit): <code>{formatAuditAnchor(auditHead)}</code>
          </p>
        )}
      </main>
    </>
  );
}
