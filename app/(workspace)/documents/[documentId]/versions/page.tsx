import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { orNotFound } from "@/lib/not-found";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { can } from "@/lib/policy";
import { findVersions } from "@/lib/versions/find-versions";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { Digest } from "@/components/versions/Digest";
import { SaveVersionForm } from "@/components/versions/SaveVersionForm";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import styles from "@/components/versions/versions.module.css";
import { createVersionAction } from "./actions";

export const metadata: Metadata = { title: "Versions" };

export default async function VersionsPage({ params }: { params: Promise<{ documentId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId } = await params;
  const { document, versions } = await orNotFound(findVersions({ actor, documentId }));
  const canSaveVersion = can(actor, "version.create", document.target);
  const canSaveCheckpoint = can(actor, "version.createCheckpoint", document.target);
  const base = `/documents/${documentId}`;

  return (
    <>
      <PageHeader
        eyebrow={document.title}
        title="Versions"
        description="Frozen copies of the text. Each keeps its full content, who saved it and when, and a SHA-256 digest anyone can recompute."
      />
      <div className={canSaveCheckpoint ? styles.layout : undefined}>
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          {versions.length === 0 ? (
            <EmptyState title="No versions saved yet">
              <p>
                {canSaveVersion
                  ? "Save the current text as the first version when it is ready to circulate."
                  : "The RCC secretariat saves a version when a draft is ready for the economies to sign off."}
              </p>
            </EmptyState>
          ) : (
            <ol className="list" data-testid="versions">
              {versions.map((version, index) => {
                const previous = versions[index + 1];
                const positions = version.rounds.flatMap((round) => round.signOffs);
                return (
                  <li key={version.id} data-version={version.number} style={{ alignItems: "flex-start" }}>
                    <span className={`${styles.versionNumber} ${version.isCheckpoint ? styles.versionNumberCheckpoint : ""}`}>v{version.number}</span>
                    <div className="stack" style={{ gap: 4, flex: 1, minWidth: 0 }}>
                      <div className="row" style={{ gap: 8 }}>
                        <Link className={styles.versionName} href={`${base}/versions/${version.id}`}>{version.name}</Link>
                        {version.isCheckpoint && <span className="badge">Checkpoint</span>}
                      </div>
                      <div className={styles.meta}>
                        <span>
                          Saved by {version.createdBy.name} <EconomyBadge code={version.createdBy.organisationCode} isShort />
                        </span>
                        <span>{formatDateTime(version.createdAt)}</span>
                        <Digest value={version.digest} />
                      </div>
                      {!version.isCheckpoint && (
                        <div className={styles.signOffSummary} data-testid="version-sign-offs">
                          {positions.length === 0 ? (
                            <span className="subtle">{version.rounds.length === 0 ? "No sign-off round on this version" : "No positions recorded on this version yet"}</span>
                          ) : (
                            positions.map((signOff) => (
                              <span key={`${signOff.organisationCode}-${signOff.position}`} title={getOrganisation(signOff.organisationCode).name}>
                                <PositionBadge position={signOff.position} economyCode={signOff.organisationCode} />
                              </span>
                            ))
                          )}
                        </div>
                      )}
                      <div className={styles.links}>
                        <Link className="button button--small" href={`${base}/versions/${version.id}`}>View<span className="visually-hidden"> v{version.number}</span></Link>
                        <Link className="button button--small" href={`${base}/compare?from=${version.id}&to=live`}>Compare with live text<span className="visually-hidden"> (v{version.number})</span></Link>
                        {previous && (
                          <Link className="button button--small" href={`${base}/compare?from=${previous.id}&to=${version.id}`}>Changes since v{previous.number}</Link>
                        )}
                        <Link className="button button--small button--ghost" href={`${base}/versions/${version.id}/verify`}>Verify<span className="visually-hidden"> v{version.number}</span></Link>
                      </div>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
        {canSaveCheckpoint && (
          <section className="card" aria-labelledby="save-heading">
            <h2 id="save-heading">{canSaveVersion ? "Save the current text" : "Save a checkpoint"}</h2>
            <p className="subtle">Freezes the text exactly as collaborators see it now. Saved versions can never be edited.</p>
            <SaveVersionForm documentId={documentId} canSaveVersion={canSaveVersion} action={createVersionAction} />
          </section>
        )}
      </div>
    </>
  );
}
