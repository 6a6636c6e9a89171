import { numberProseMirrorDocument } from "@/lib/editor/numbering";
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

/** A document's notes, numbered in reading order as the editor numbers their markers, to list under its text. */
export function notesFromJson(json: ProseMirrorJson): { number: number; text: string }[] {
  return numberProseMirrorDocument(documentSchema().nodeFromJSON(json)).notes;
}
