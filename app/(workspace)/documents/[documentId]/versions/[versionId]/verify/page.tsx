import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireActorForPage } from "@/lib/auth/current";
import { orNotFound } from "@/lib/not-found";
import { verifyVersion } from "@/lib/versions/verify-version";
import { PageHeader } from "@/components/ui/PageHeader";
import { formatDateTime } from "@/components/ui/dates";
import { versionLabel } from "@/components/versions/version-label";
import styles from "@/components/versions/versions.module.css";

export const metadata: Metadata = { title: "Verify a version" };

function Check({ isPassed, title, children }: { isPassed: boolean; title: string; children: ReactNode }) {
  return (
    <li className={styles.check} data-passed={isPassed}>
      <span className={`${styles.checkMark} ${isPassed ? styles.checkPass : styles.checkFail}`} aria-hidden="true">{isPassed ? "✓" : "✗"}</span>
      <div>
        <strong>{title}: {isPassed ? "passed" : "FAILED"}</strong>
        <div className="subtle">{children}</div>
      </div>
    </li>
  );
}

export default async function VerifyVersionPage({ params }: { params: Promise<{ documentId: string; versionId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId, versionId } = await params;
  const { document, version, verification } = await orNotFound(verifyVersion({ actor, documentId, versionId }));
  const contentUrl = `/api/documents/${documentId}/versions/${versionId}/content`;

  return (
    <>
      <PageHeader
        eyebrow={`${document.title} · ${versionLabel(version)}`}
        title="Verify a version"
        description={`Recomputed just now (${formatDateTime(new Date())}) from the content stored in the database.`}
      />
      <section className="card" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className={styles.verdict} data-testid="version-verdict">
          <span className={`${styles.checkMark} ${verification.isIntact ? styles.checkPass : styles.checkFail}`} aria-hidden="true">
            {verification.isIntact ? "✓" : "✗"}
          </span>
          {verification.isIntact ? "Digest matches: this is the text that was saved." : "Digest MISMATCH: this version was altered after it was saved."}
        </h2>
        <dl className="stack" style={{ gap: "var(--space-2)" }}>
          <div>
            <dt className="subtle">Digest stored with the version</dt>
            <dd style={{ margin: 0 }}><code className={styles.fullDigest} data-testid="stored-digest">{verification.storedDigest}</code></dd>
          </div>
          <div>
            <dt className="subtle">Digest recomputed from the stored content</dt>
            <dd style={{ margin: 0 }}><code className={styles.fullDigest} data-testid="recomputed-digest">{verification.recomputedDigest}</code></dd>
          </div>
          <div>
            <dt className="subtle">Digest recorded in the audit log when it was saved</dt>
            <dd style={{ margin: 0 }}>
              {verification.recordedDigest ? (
                <code className={styles.fullDigest}>{verification.recordedDigest}</code>
              ) : (
                <span className="badge badge--danger">No audit entry found</span>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks</h2>
        <ul className={styles.checks}>
          <Check isPassed={verification.isContentIntact} title="Content matches its digest">
            SHA-256 of the stored content, byte for byte, equals the digest saved with it.
          </Check>
          {verification.isTextWithSuggestionsIntact !== null && (
            <Check isPassed={verification.isTextWithSuggestionsIntact} title="Text with open suggestions matches its digest">
              The same text with its open suggestions, kept for reading, hashes to the digest saved with it; the audit entry binds that digest.
            </Check>
          )}
          <Check isPassed={verification.isCanonical} title="Content is in canonical form">
            Sorted keys, no extra whitespace: the same text always gives the same digest, on SQLite and PostgreSQL alike.
          </Check>
          <Check isPassed={verification.isRecordIntact} title="Digest agrees with the audit log">
            {verification.recordedAuditEventId
              ? `Audit entry #${verification.recordedAuditEventId}, protected by the hash chain, recorded this digest when the version was saved.`
              : "The entry recording this version's creation is missing from the audit log."}{" "}
            <Link href="/audit">Verify the audit log</Link>.
          </Check>
        </ul>
      </section>
      <section className="card" aria-labelledby="yourself-heading">
        <h2 id="yourself-heading">Check it yourself</h2>
        <p>
          The digest is the SHA-256 of the version&apos;s canonical content: its ProseMirror JSON normalised against the editor&apos;s schema, keys sorted,
          no whitespace, UTF-8. <a href={contentUrl} download={`version-${version.number}.json`}>Download the stored content</a> and run{" "}
          <code>sha256sum version-{version.number}.json</code>: it prints the digest above.
        </p>
      </section>
    </>
  );
}
