import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireActorForPage } from "@/lib/auth/current";
import { htmlFromJson, notesFromJson } from "@/lib/documents/render";
import { orNotFound } from "@/lib/not-found";
import { getVersion } from "@/lib/versions/find-versions";
import { readVersionText, type VersionText } from "@/lib/versions/version-text";
import { PageHeader } from "@/components/ui/PageHeader";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { Digest } from "@/components/versions/Digest";
import { ExportMenu } from "@/components/exports/ExportMenu";
import { versionLabel } from "@/components/versions/version-label";
import { StoredNotes } from "@/components/editor/StoredNotes";
import { TextChoice } from "@/components/versions/TextChoice";
import styles from "@/components/versions/versions.module.css";
import "@/components/editor/document-text.css";
import "@/components/suggestions/suggestions.css";

export const metadata: Metadata = { title: "Version" };

// The clean text by default: it is what the digest covers and what economies sign off.
const searchSchema = z.object({ text: z.enum(["clean", "suggestions"]).catch("clean").default("clean") });

export default async function VersionPage({ params, searchParams }: {
  params: Promise<{ documentId: string; versionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorForPage();
  const { documentId, versionId } = await params;
  const search = searchSchema.parse(await searchParams);
  const { document, version } = await orNotFound(getVersion({ actor, documentId, versionId }));
  const base = `/documents/${documentId}`;
  // Stored content that no longer parses is shown as such; the verification page says what happened.
  let text: (VersionText & { html: string; notes: ReturnType<typeof notesFromJson> }) | null = null;
  try {
    const read = readVersionText(version, search.text);
    text = { ...read, html: htmlFromJson(read.json), notes: notesFromJson(read.json) };
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
            <Digest value={version.digest} label="SHA-256 of the clean text" />
          </span>
        }
        actions={
          <>
            <Link className="button" href={`${base}/compare?from=${version.id}&to=live`}>Compare with live text</Link>
            <Link className="button" href={`${base}/versions/${version.id}/verify`}>Verify digest</Link>
            <ExportMenu documentId={documentId} versionId={version.id} keptSuggestions={text?.openSuggestions} />
          </>
        }
      />
      {text === null ? (
        <div className="alert alert--error" role="alert">
          The stored content of this version cannot be read. <Link href={`${base}/versions/${version.id}/verify`}>Check its integrity</Link>.
        </div>
      ) : (
        <>
          <TextChoice versionHref={`${base}/versions/${version.id}`} shown={text.kind} openSuggestions={text.openSuggestions} />
          {/* The editor's sheet and stylesheets, so articles, paragraphs, notes and suggestions are set exactly as in the editor. */}
          <div className="document-sheet">
            <article
              className={text.kind === "suggestions" ? "document-body document-body--labelled-suggestions" : "document-body"}
              aria-label={`Text of ${versionLabel(version)}${text.kind === "suggestions" ? ", with open suggestions" : ""}`}
              data-text={text.kind}
              dangerouslySetInnerHTML={{ __html: text.html }}
            />
            <StoredNotes notes={text.notes} />
          </div>
        </>
      )}
    </>
  );
}

