import type { Metadata } from "next";
import { requireActorForPage } from "@/lib/auth/current";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { ImportForm } from "@/components/imports/ImportForm";

export const metadata: Metadata = { title: "Import from Word" };

export default async function ImportDocumentPage() {
  const actor = await requireActorForPage();
  const canImport = can(actor, "document.import", null);
  return (
    <>
      <PageHeader
        eyebrow="Documents"
        title="Import from Word"
        description="Bring a draft circulated as a Word file into Accord as a new document. You see what the file becomes before anything is created."
      />
      {canImport ? (
        <ImportForm />
      ) : (
        <section className="card">
          <EmptyState title="Only the RCC secretariat imports documents">
            <p>Ask the secretariat to bring the Word file into Accord; you can download any text as Word or PDF from its page.</p>
          </EmptyState>
        </section>
      )}
    </>
  );
}
