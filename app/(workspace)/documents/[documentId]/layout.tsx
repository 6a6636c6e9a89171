import type { ReactNode } from "react";
import { DocumentTabs } from "@/components/documents/DocumentTabs";

export default async function DocumentLayout({ children, params }: { children: ReactNode; params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return (
    <>
      <DocumentTabs documentId={documentId} />
      {children}
    </>
  );
}
