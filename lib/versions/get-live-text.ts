import { loadDocumentState } from "@/lib/documents/live-state";
import { getDocument } from "@/lib/documents/find-documents";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { readYjsState } from "@/lib/documents/content";
import { jsonFromContent, versionTextsFromJson } from "@/lib/versions/canonical-content";

/**
 * The document's text as collaborators see it now, in canonical form with its digest (and the same
 * text with its open suggestions, as a version keeps it). A stored
 * state that does not fit the schema is read repaired (`repairs` lists what was dropped or
 * unwrapped), so sign-off, compare and versions keep working and the page can say so.
 */
export async function getLiveText({ actor, documentId }: { actor: Actor; documentId: string }) {
  const document = await getDocument({ actor, documentId });
  const loaded = await loadDocumentState(documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  const { json: liveJson, repairs } = readYjsState(loaded.state);
  const texts = versionTextsFromJson(liveJson);
  return { document, ...texts, json: jsonFromContent(texts.content), lastUpdateId: loaded.lastUpdateId, repairs };
}
