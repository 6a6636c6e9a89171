import { loadDocumentState } from "@/lib/documents/live-state";
import { getDocument } from "@/lib/documents/find-documents";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { canonicalContentFromYjsState, digestOfContent, jsonFromContent } from "@/lib/versions/canonical-content";

/** The document's text as collaborators see it now, in canonical form with its digest. */
export async function getLiveText({ actor, documentId }: { actor: Actor; documentId: string }) {
  const document = await getDocument({ actor, documentId });
  const loaded = await loadDocumentState(documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  const content = canonicalContentFromYjsState(loaded.state);
  return { document, content, json: jsonFromContent(content), digest: digestOfContent(content), lastUpdateId: loaded.lastUpdateId };
}
