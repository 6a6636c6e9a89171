import { loadDocumentState } from "@/lib/documents/live-state";
import { getDocument } from "@/lib/documents/find-documents";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { readYjsState } from "@/lib/documents/content";
import { canonicalContentFromJson, digestOfContent, jsonFromContent } from "@/lib/versions/canonical-content";

/**
 * The document's text as collaborators see it now, in canonical form with its digest. A stored
 * state that does not fit the schema is read repaired (`repairs` lists what was dropped or
 * unwrapped), so sign-off, compare and versions keep working and the page can say so.
 */
export async function getLiveText({ actor, documentId }: { actor: Actor; documentId: string }) {
  const document = await getDocument({ actor, documentId });
  const loaded = await loadDocumentState(documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  const { json: liveJson, repairs } = readYjsState(loaded.state);
  const content = canonicalContentFromJson(liveJson);
  return { document, content, json: jsonFromContent(content), digest: digestOfContent(content), lastUpdateId: loaded.lastUpdateId, repairs };
}
