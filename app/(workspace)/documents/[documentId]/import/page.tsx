import type { Metadata } from "next";
import { requireActorForPage } from "@/lib/auth/current";
import { getDocument } from "@/lib/documents/find-documents";
import { orNotFound } from "@/lib/not-found";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { ReplaceTextForm } from "@/components/imports/ReplaceTextForm";

export const metadata: Metadata = { title: "Replace the text from Word" };

export default async function ReplaceTextPage({ params }: { params: Promise<{ documentId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId } = await params;
  const document = await orNotFound(getDocument({ actor, documentId }));
  const canReplace = can(actor, "document.replaceText", document.target);
  return (
    <>
      <PageHeader
        eyebrow={document.title}
        title="Replace the text from Word"
        description="Bring in a revised draft circulated as a Word file. You see what the file becomes, and what happens to the current text, before anything changes."
      />
      {canReplace ? (
        <ReplaceTextForm documentId={document.id} />
      ) : (
        <section className="card">
          <EmptyState title={document.target.minutesStatus === "APPROVED" ? "Approved minutes cannot be replaced" : "Only the RCC secretariat replaces a text from Word"}>
            <p>You can download this text as Word or PDF from its page.</p>
          </EmptyState>
        </section>
      )}
    </>
  );
}
