import { generateHTML } from "@tiptap/html/server";
import { documentExtensions } from "@/lib/editor/extensions";
import { numberProseMirrorDocument } from "@/lib/editor/numbering";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";

/** Server-side HTML of a document, built from the same schema the editor uses. */
export function htmlFromJson(json: ProseMirrorJson): string {
  return generateHTML(json, documentExtensions());
}

/** A document's notes, numbered in reading order as the editor numbers their markers, to list under its text. */
export function notesFromJson(json: ProseMirrorJson): { number: number; text: string }[] {
  return numberProseMirrorDocument(documentSchema().nodeFromJSON(json)).notes;
}
