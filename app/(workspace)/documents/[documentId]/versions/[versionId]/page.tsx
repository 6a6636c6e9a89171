import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { htmlFromJson, notesFromJson } from "@/lib/documents/render";
import { orNotFound } from "@/lib/not-found";
import { jsonFromContent } from "@/lib/versions/canonical-content";
import { getVersion } from "@/lib/versions/find-versions";
import { PageHeader } from "@/components/ui/PageHeader";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { Digest } from "@/components/versions/Digest";
import { ExportMenu } from "@/components/exports/ExportMenu";
import { versionLabel } from "@/components/versions/version-label";
import { StoredNotes } from "@/components/editor/StoredNotes";
import styles from "@/components/versions/versions.module.css";
import "@/components/editor/document-text.css";

export const metadata: Metadata = { title: "Version" };

export default async function VersionPage({ params }: { params: Promise<{ documentId: string; versionId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId, versionId } = await params;
  const { document, version } = await orNotFound(getVersion({ actor, documentId, versionId }));
  const base = `/documents/${documentId}`;
  // Stored content that no longer parses is shown as such; the verification page says what happened.
  let text: { html: string; notes: ReturnType<typeof notesFromJson> } | null = null;
  try {
    const json = jsonFromContent(version.content);
    text = { html: htmlFromJson(json), notes: notesFromJson(json) };
  } catch {
    text = null;
  }

  return (
    <>
      <PageHeader
        eyebrow={`${document.title} · ${version.isCheckpoint ? "Checkpoint" : "Version"} (read-only)`}
        title={versionLabel(version)}
        description={
          <span className={styles.meta}>
            <span>
              Saved by {version.createdBy.name} <EconomyBadge code={version.createdBy.organisationCode} isShort />
            </span>
            <span>{formatDateTime(version.createdAt)}</span>
            <Digest value={version.digest} />
          </span>
        }
        actions={
          <>
            <Link className="button" href={`${base}/compare?from=${version.id}&to=live`}>Compare with live text</Link>
            <Link className="button" href={`${base}/versions/${version.id}/verify`}>Verify digest</Link>
            <ExportMenu documentId={documentId} versionId={version.id} />
          </>
        }
      />
      {text === null ? (
        <div className="alert alert--error" role="alert">
          The stored content of this version cannot be read. <Link href={`${base}/versions/${version.id}/verify`}>Check its integrity</Link>.
        </div>
      ) : (
        // The editor's sheet and stylesheet, so articles, paragraphs and notes are numbered and set exactly as in the editor.
        <div className="document-sheet">
          <article className="document-body" aria-label={`Text of ${versionLabel(version)}`} dangerouslySetInnerHTML={{ __html: text.html }} />
          <StoredNotes notes={text.notes} />
        </div>
      )}
    </>
  );
}
