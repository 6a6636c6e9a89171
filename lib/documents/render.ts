import { generateHTML } from "@tiptap/html/server";
import { documentExtensions } from "@/lib/editor/extensions";
import type { ProseMirrorJson } from "@/lib/documents/content";

/** Server-side HTML of a document, built from the same schema the editor uses. */
export function htmlFromJson(json: ProseMirrorJson): string {
  return generateHTML(json, documentExtensions());
}
