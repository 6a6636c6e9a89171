import { documentSchema, jsonFromYjsState } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { findSuggestions, type FoundSuggestion } from "@/lib/editor/suggestion-marks";

/**
 * The suggestions in a document's stored text (snapshot plus logged updates): what every
 * collaborator sees once synced. Read without the websocket, for recording decisions and counting.
 */
export async function findStoredSuggestions(documentId: string): Promise<FoundSuggestion[]> {
  const live = await loadDocumentState(documentId);
  if (!live) return [];
  return findSuggestions(documentSchema().nodeFromJSON(jsonFromYjsState(live.state)));
}
