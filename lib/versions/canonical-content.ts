import crypto from "node:crypto";
import { Transform } from "@tiptap/pm/transform";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { withoutSuggestions } from "@/lib/editor/suggestion-decisions";
import { jsonWithoutEmptyBlockSuggestions } from "@/lib/editor/block-suggestion";
import { documentSchema, proseMirrorJsonSchema, type ProseMirrorJson } from "@/lib/documents/content";

/**
 * The canonical serialisation of a document's text, which is what a version stores and what its
 * digest is computed over. Two steps:
 *
 * 1. Schema normalisation (when a version is saved): the ProseMirror JSON is parsed with the
 *    editor's schema (lib/editor/extensions.ts) and written back with `toJSON()`. This fills
 *    every attribute with its value or schema default and drops attributes the schema does not know,
 *    merges adjacent text nodes with the same marks, orders marks by schema rank and omits empty
 *    `attrs`, `content` and `marks`. Text is kept character for character: no Unicode normalisation,
 *    no trimming, so any change of any character changes the digest. Comment anchors (the `comment`
 *    mark) are removed first: they are notes on the text, not part of it, so commenting on a passage
 *    never changes what a version holds or what is signed off. Open suggestions (lib/editor/suggestion-marks.ts)
 *    are left out the same way: a suggested insertion's text is dropped (with a suggested paragraph),
 *    a suggested deletion's text is kept as it stands; so the digest is that of the clean text.
 * 2. Canonical JSON (RFC 8785 for the values ProseMirror JSON can hold): object keys sorted by UTF-16
 *    code units at every level, no insignificant whitespace, strings and numbers as JSON.stringify
 *    writes them (so control characters are escaped and the string survives PostgreSQL's TEXT).
 *
 * The digest is the lowercase hex SHA-256 of the canonical string's UTF-8 bytes: anyone can check a
 * version with `sha256sum` on the content served by GET /api/documents/{id}/versions/{versionId}/content.
 * Verification re-applies step 2 only, so a later change to the editor's schema cannot change the
 * digest of a version saved before it.
 */

/** JSON text with sorted keys and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot serialise ${typeof value} as canonical JSON`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/** The canonical content of a document given as ProseMirror JSON; throws if it does not fit the schema. */
export function canonicalContentFromJson(json: ProseMirrorJson): string {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  // Open suggestions are proposals, not yet the text: suggested insertions are left out, suggested
  // deletions kept, so making or withdrawing a suggestion never changes a digest.
  const clean = withoutSuggestions(new Transform(node)).doc;
  const text = new Transform(clean).removeMark(0, clean.content.size, documentSchema().marks[COMMENT_MARK]).doc;
  return canonicalJson(jsonWithoutEmptyBlockSuggestions(text.toJSON()));
}

/**
 * The canonical content of the same text with its open suggestions as they stand (comment anchors
 * still left out): what a version keeps beside its clean text so that its page can show them.
 * No signature covers it; its own digest binds it to the audit chain (lib/audit/row-digest.ts).
 */
export function contentWithSuggestionsFromJson(json: ProseMirrorJson): string {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  const text = new Transform(node).removeMark(0, node.content.size, documentSchema().marks[COMMENT_MARK]).doc;
  return canonicalJson(jsonWithoutEmptyBlockSuggestions(text.toJSON()));
}


/** Both texts a version keeps, each with its digest. */
export type VersionTexts = { content: string; digest: string; contentWithSuggestions: string; digestWithSuggestions: string };

/** The clean text and the text with open suggestions of a document, canonical and digested. */
export function versionTextsFromJson(json: ProseMirrorJson): VersionTexts {
  const content = canonicalContentFromJson(json);
  const contentWithSuggestions = contentWithSuggestionsFromJson(json);
  return { content, digest: digestOfContent(content), contentWithSuggestions, digestWithSuggestions: digestOfContent(contentWithSuggestions) };
}

/** SHA-256 (lowercase hex) of the content's UTF-8 bytes. */
export function digestOfContent(content: string): string {
  return crypto.createHash("sha256").update(content, "utf8").digest("hex");
}

/** Reads stored canonical content back as ProseMirror JSON, validating its shape. */
export function jsonFromContent(content: string): ProseMirrorJson {
  return proseMirrorJsonSchema.parse(JSON.parse(content));
}

/** Whether stored content is exactly its own canonical JSON (step 2 above). */
export function isCanonicalJson(content: string): boolean {
  try {
    return canonicalJson(JSON.parse(content)) === content;
  } catch {
    return false;
  }
}
