import { numberProseMirrorDocument } from "@/lib/editor/numbering";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { repairJson } from "@/lib/documents/repair-content";
import { htmlStringFromNode } from "@/lib/documents/html-string";

/** Server-side HTML of a document, built from the same schema the editor uses. */
export function htmlFromJson(json: ProseMirrorJson): string {
  return htmlStringFromNode(documentSchema().nodeFromJSON(json));
}

/**
 * Server-side HTML that never throws on content: JSON that does not fit the schema is repaired
 * first (lib/documents/repair-content.ts) and `isRepaired` tells the page to say so.
 */
export function safeHtmlFromJson(json: ProseMirrorJson): { html: string; isRepaired: boolean } {
  try {
    return { html: htmlFromJson(json), isRepaired: false };
  } catch {
    return { html: htmlFromJson(repairJson(json, documentSchema()).node.toJSON() as ProseMirrorJson), isRepaired: true };
  }
}

/** A note listed under a stored text: its number, its wording, and new wording proposed for it (open in a text with suggestions). */
export type StoredNote = { number: number; text: string; rewording: { organisationCode: string; authorName: string; text: string } | null };

/** A document's notes, numbered in reading order as the editor numbers their markers, to list under its text. */
export function notesFromJson(json: ProseMirrorJson): StoredNote[] {
  const doc = documentSchema().nodeFromJSON(json);
  // Every note is numbered, in reading order, so the n-th note found is the n-th numbered.
  const rewordings: StoredNote["rewording"][] = [];
  doc.descendants((node) => {
    if (node.type.name !== "note") return true;
    const suggestion = parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]);
    rewordings.push(suggestion?.kind === "reword" ? { organisationCode: suggestion.organisationCode, authorName: suggestion.authorName, text: suggestion.text } : null);
    return false;
  });
  return numberProseMirrorDocument(doc).notes.map((note, index) => ({ ...note, rewording: rewordings[index] ?? null }));
}
