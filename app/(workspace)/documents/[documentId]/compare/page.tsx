import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireActorForPage } from "@/lib/auth/current";
import { orNotFound } from "@/lib/not-found";
import { compareVersions, LIVE_TEXT, type ComparedSide } from "@/lib/versions/compare-versions";
import { findVersions } from "@/lib/versions/find-versions";
import { PageHeader } from "@/components/ui/PageHeader";
import { ExportMenu } from "@/components/exports/ExportMenu";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatDateTime } from "@/components/ui/dates";
import { ChangeSummary } from "@/components/versions/ChangeSummary";
import { Digest } from "@/components/versions/Digest";
import { InlineDiff, SideBySideDiff } from "@/components/versions/DiffView";
import { ProposerLegend, ProposerSummary } from "@/components/versions/Proposers";
import { versionLabel } from "@/components/versions/version-label";
import styles from "@/components/versions/versions.module.css";

export const metadata: Metadata = { title: "Compare versions" };

const searchSchema = z.object({
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  view: z.enum(["inline", "side-by-side"]).catch("inline").default("inline"),
});

const sideLabel = (side: ComparedSide) => (side.kind === "live" ? "Live text" : versionLabel(side));

export default async function ComparePage({ params, searchParams }: {
  params: Promise<{ documentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorForPage();
  const { documentId } = await params;
  const search = searchSchema.parse(await searchParams);
  const { document, versions } = await orNotFound(findVersions({ actor, documentId }));

  if (versions.length === 0) {
    return (
      <>
        <PageHeader eyebrow={document.title} title="Compare" />
        <section className="card">
          <EmptyState title="Nothing to compare yet">
            <p>Comparisons work between saved versions and the live text. <Link href={`/documents/${documentId}/versions`}>Save the first version</Link>.</p>
          </EmptyState>
        </section>
      </>
    );
  }

  const from = search.from ?? versions[0].id;
  const to = search.to ?? LIVE_TEXT;
  const result = await orNotFound(compareVersions({ actor, documentId, from, to }));
  const hrefFor = (view: string) => `/documents/${documentId}/compare?${new URLSearchParams({ from, to, view })}`;
  const options = [{ id: LIVE_TEXT, label: "Live text (now)" }, ...versions.map((version) => ({ id: version.id, label: `${versionLabel(version)}${version.isCheckpoint ? " (checkpoint)" : ""}` }))];

  return (
    <>
      <PageHeader
        eyebrow={document.title}
        title="Compare"
        description="Word-level differences between two versions, or between a version and the text as it stands now."
        actions={<ExportMenu documentId={documentId} versionId={to} label="Download newer text" />}
      />
      <section className="card" aria-labelledby="compare-choice-heading">
        <h2 id="compare-choice-heading" className="visually-hidden">Choose what to compare</h2>
        <form className={styles.picker} method="get">
          <div className="field">
            <label htmlFor="from">Older text</label>
            <select className="select" id="from" name="from" defaultValue={from}>
              {options.map((option) => <option key={option.id} value={option.id}>{option.label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="to">Newer text</label>
            <select className="select" id="to" name="to" defaultValue={to}>
              {options.map((option) => <option key={option.id} value={option.id}>{option.label}</option>)}
            </select>
          </div>
          <input type="hidden" name="view" value={search.view} />
          <button className="button button--primary" type="submit">Compare</button>
        </form>
      </section>

      <section className="card" aria-labelledby="summary-heading">
        <div className="card__title">
          <h2 id="summary-heading">What changed</h2>
        </div>
        <dl className="stack" style={{ gap: 4, margin: "0 0 var(--space-4)" }}>
          {[result.from, result.to].map((side, index) => (
            <div key={index} className="row" style={{ gap: 8 }} data-testid={index === 0 ? "compared-from" : "compared-to"}>
              <dt className="subtle" style={{ minWidth: 90 }}>{index === 0 ? "Older text" : "Newer text"}</dt>
              <dd className="row" style={{ margin: 0, gap: 8 }}>
                <strong>{sideLabel(side)}</strong>
                {side.kind === "version" && <span className="subtle">saved by {side.createdBy.name} on {formatDateTime(side.createdAt)}</span>}
                {side.kind === "live" && <span className="subtle">as collaborators see it now</span>}
                <Digest value={side.digest} />
              </dd>
            </div>
          ))}
        </dl>
        <ChangeSummary comparison={result.comparison} isSameDigest={result.from.digest === result.to.digest} />
        {!result.comparison.isIdentical && <ProposerSummary proposers={result.proposers} />}
      </section>

      {!result.comparison.isIdentical && (
        <section className="card" aria-labelledby="differences-heading">
          <div className="card__title">
            <h2 id="differences-heading">Differences</h2>
            <nav className={styles.viewSwitch} aria-label="Layout of the differences">
              <Link href={hrefFor("inline")} aria-current={search.view === "inline" ? "true" : undefined}>Inline</Link>
              <Link href={hrefFor("side-by-side")} aria-current={search.view === "side-by-side" ? "true" : undefined}>Side by side</Link>
            </nav>
          </div>
          <p className={styles.legend}>
            <span><ins className={styles.inserted}>Inserted text</ins></span>
            <span><del className={styles.deleted}>Deleted text</del></span>
            <ProposerLegend proposers={result.proposers} />
          </p>
          {search.view === "inline" ? (
            <InlineDiff rows={result.comparison.rows} attributions={result.proposers?.attributions} />
          ) : (
            <SideBySideDiff rows={result.comparison.rows} beforeLabel={sideLabel(result.from)} afterLabel={sideLabel(result.to)} attributions={result.proposers?.attributions} />
          )}
        </section>
      )}
    </>
  );
}
