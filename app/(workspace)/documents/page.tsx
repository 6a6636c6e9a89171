import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findDocuments } from "@/lib/documents/find-documents";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { CreateDocumentForm } from "@/components/documents/CreateDocumentForm";
import styles from "@/components/documents/documents-list.module.css";
import { createDocumentAction } from "./actions";

export const metadata: Metadata = { title: "Documents" };

const KIND_LABEL = { MOU: "Memorandum", MINUTES: "Minutes", OTHER: "Document" } as const;

export default async function DocumentsPage() {
  const actor = await requireActorForPage();
  const documents = await findDocuments({ actor });
  const canCreate = can(actor, "document.create", null);
  return (
    <>
      <PageHeader
        eyebrow="Working group"
        title="Documents"
        description="The Memorandum of Understanding under negotiation, meeting minutes and other texts of the working group."
        actions={can(actor, "document.import", null) ? <Link className="button" href="/documents/import">Import from Word</Link> : undefined}
      />
      <div className="grid" style={{ gridTemplateColumns: canCreate ? "minmax(0, 2fr) minmax(280px, 1fr)" : "1fr" }}>
        <section className="card" aria-labelledby="documents-heading">
          <h2 id="documents-heading" className="visually-hidden">All documents</h2>
          {documents.length === 0 ? (
            <EmptyState title="No documents yet">
              <p>{canCreate ? "Create the first document with the form beside this list." : "The RCC secretariat will add the draft here."}</p>
            </EmptyState>
          ) : (
            <table className={`table ${styles.table}`} data-testid="documents">
              <thead>
                <tr>
                  <th scope="col" className={styles.titleColumn}>Title</th>
                  <th scope="col" className={styles.kindColumn}>Type</th>
                  <th scope="col">Last edit</th>
                </tr>
              </thead>
              <tbody>
                {documents.map((document) => (
                  <tr key={document.id}>
                    <td>
                      <Link className={styles.title} href={`/documents/${document.id}`}>{document.title}</Link>
                      {document.minutesOf && <span className={styles.subtitle}>Minutes of {document.minutesOf.title}</span>}
                      {document.kind === "MOU" && <span className={styles.subtitle}>Under negotiation</span>}
                    </td>
                    <td><span className="badge">{KIND_LABEL[document.kind]}</span></td>
                    <td>
                      {document.lastEditedAt ? (
                        <>
                          <span className={styles.editedAt}>{formatDateTime(document.lastEditedAt)}</span>
                          {document.lastEditedBy && (
                            <span className={styles.editedBy}>
                              by {document.lastEditedBy.name} <EconomyBadge code={document.lastEditedBy.organisationCode} isShort />
                            </span>
                          )}
                        </>
                      ) : (
                        <span className="subtle">Not edited yet</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {canCreate && (
          <section className="card" aria-labelledby="create-document-heading">
            <h2 id="create-document-heading">New document</h2>
            <CreateDocumentForm action={createDocumentAction} />
          </section>
        )}
      </div>
    </>
  );
}
