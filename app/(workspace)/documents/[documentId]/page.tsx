import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { getDocument } from "@/lib/documents/find-documents";
import { readYjsState } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { announceDocumentOpening } from "@/lib/realtime/document-openings";
import { safeHtmlFromJson } from "@/lib/documents/render";
import { openingOf } from "@/lib/documents/opening";
import { findMentionablePeople } from "@/lib/comments/find-mentionable-people";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { CollaborativeEditor } from "@/components/editor/CollaborativeEditor";
import { ExportMenu } from "@/components/exports/ExportMenu";
import { DraftingRuleControl } from "@/components/suggestions/DraftingRuleControl";

const KIND_LABEL = { MOU: "Memorandum of Understanding", MINUTES: "Minutes", OTHER: "Document" } as const;

// About four printed pages: more than any screen shows before the editor, which holds the whole text, takes over.
const STORED_COPY_CHARACTERS = 12_000;

type Params = { params: Promise<{ documentId: string }> };

// Shared by the metadata and the page, so the document is loaded and authorised once per request.
const loadPage = cache(async (documentId: string) => {
  const actor = await requireActorForPage();
  const document = await getDocument({ actor, documentId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return { actor, document };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document } = await loadPage((await params).documentId);
  return { title: document.title };
}

export default async function DocumentPage({ params }: Params) {
  const { actor, document } = await loadPage((await params).documentId);
  // The collaboration server loads the text while this page and its editor travel to the browser.
  announceDocumentOpening(document.id);
  // The latest text including logged updates not yet compacted, so the first paint matches what the editor will sync.
  const live = await loadDocumentState(document.id);
  const read = live ? readYjsState(live.state) : null;
  const opening = read ? openingOf(read.json, STORED_COPY_CHARACTERS) : null;
  const rendered = opening ? safeHtmlFromJson(opening.json) : null;
  // Stored content that does not fit the editor's schema is shown repaired; the secretariat, who holds the pen, is told.
  const isRepaired = Boolean(read?.repairs.length || rendered?.isRepaired);
  const canEdit = can(actor, "document.edit", document.target);
  const canComment = can(actor, "thread.create", document.target);
  const suggestions = {
    canSuggest: can(actor, "suggestion.create", document.target),
    canDecide: can(actor, "suggestion.decide", document.target),
    isNegotiation: document.draftingRule === "NEGOTIATION",
  };
  // Only people who can write a comment need the list of whom to mention.
  const people = canComment ? await findMentionablePeople({ actor }) : [];
  return (
    <CollaborativeEditor
      documentId={document.id}
      title={document.title}
      user={{ id: actor.id, name: actor.name, organisationCode: actor.organisationCode }}
      canEdit={canEdit}
      storedCopy={{ html: rendered?.html ?? "", isWhole: opening?.isWhole ?? true }}
      comments={{ canComment, people }}
      suggestions={suggestions}
      lastEdit={
        document.lastEditedAt
          ? {
              at: document.lastEditedAt.toISOString(),
              name: document.lastEditedBy?.name ?? null,
              organisationCode: document.lastEditedBy?.organisationCode ?? null,
            }
          : null
      }
      header={
        <>
          {/* The way back to the list is in the document tabs above (layout.tsx). */}
          <p className="document-header__kind">{KIND_LABEL[document.kind]}</p>
          <h1 className="document-header__title">{document.title}</h1>
          <div className="row">
            <ExportMenu documentId={document.id} versionId="live" label="Download live text" />
            {can(actor, "document.replaceText", document.target) && (
              <Link className="button" href={`/documents/${document.id}/import`}>
                Replace from Word
              </Link>
            )}
          </div>
          {can(actor, "document.setDraftingRule", document.target) ? (
            <DraftingRuleControl documentId={document.id} draftingRule={document.draftingRule} />
          ) : (
            suggestions.isNegotiation && <p className="document-header__meta">Under negotiation: delegations suggest changes, the secretariat decides.</p>
          )}
          {isRepaired && actor.role === "SECRETARIAT" ? (
            <div className="alert alert--error" role="alert" data-testid="document-repaired">
              Part of this document&apos;s stored content does not fit the document structure. It is shown here with those parts
              left out or turned into plain text ({read?.repairs.slice(0, 3).join("; ")}). Versions and sign-off use this text.
            </div>
          ) : null}
        </>
      }
    />
  );
}
