import { jsonFromYjsState, stateFromStoredParts, type ProseMirrorJson } from "@/lib/documents/content";
import type { DocumentTarget } from "@/lib/policy";
import { canonicalContentFromJson, digestOfContent, jsonFromContent } from "@/lib/versions/canonical-content";

/**
 * A text as it is stored: a version's content (its JSON string), or the live document's Yjs state
 * in its stored parts (the compacted state, then each logged update). Either crosses to a worker
 * as one flat copy; reading it (parsing, decoding 100 pages of Yjs: a few hundred milliseconds)
 * and digesting it are left to the worker, off the thread that relays everyone's edits.
 */
export type StoredText = { content: string } | { yjsParts: Uint8Array[] };

/** What every export renders: the stored text, and what identifies it (title, version, digest). */
export type ExportSource = {
  documentId: string;
  /** What exporting is authorised on. */
  target: DocumentTarget;
  title: string;
  /** The text; the live text still carries the comment anchors (the `comment` mark). */
  text: StoredText;
  /** The digest of the clean text (open suggestions left out); null for the live text, digested where it is read. */
  digest: string | null;
  /** A version saved before Accord kept its open suggestions, asked for with them: `text` is its clean text. */
  isSavedWithoutSuggestions?: boolean;
  version: { id: string; number: number; name: string; isCheckpoint: boolean; createdAt: Date } | null;
  /** "Version 3 — After the May meeting", or "Live text" with the time it was read. */
  label: string;
  readAt: Date;
};

/** A file an export made, with the digest of the text it shows (worked out where the text was read). */
export type ExportedFile = { bytes: Buffer; digest: string };

/** An export source with its text read: what the Word, PDF and table builders work from. */
export type ReadSource = Omit<ExportSource, "text" | "digest"> & { json: ProseMirrorJson; digest: string };

/** Reads the stored text of a source; the live text's digest is the one a version saved now would get (comment anchors left out). */
export function readSource({ text, digest, ...source }: ExportSource): ReadSource {
  const json = "content" in text ? jsonFromContent(text.content) : jsonFromYjsState(stateFromStoredParts(text.yjsParts));
  return { ...source, json, digest: digest ?? digestOfContent(canonicalContentFromJson(json)) };
}
