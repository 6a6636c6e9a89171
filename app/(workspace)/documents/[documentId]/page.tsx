import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { getDocument } from "@/lib/documents/find-documents";
import { jsonFromYjsState } from "@/lib/documents/content";
import { htmlFromJson } from "@/lib/documents/render";
import { AppError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Document" };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId } = await params;
  const document = await getDocument({ actor, documentId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const html = document.yjsState ? htmlFromJson(jsonFromYjsState(document.yjsState)) : "";
  return (
    <>
      <PageHeader eyebrow="Document" title={document.title} />
      <article className="document-page" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
