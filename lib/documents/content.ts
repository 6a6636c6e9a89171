import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { z } from "zod";
import { DOCUMENT_FIELD, documentExtensions } from "@/lib/editor/extensions";
import { jsonWithoutEmptyBlockSuggestions } from "@/lib/editor/block-suggestion";
import { looseJsonFromFragment, repairJson } from "@/lib/documents/repair-content";

let schema: ReturnType<typeof getSchema> | undefined;

/** The ProseMirror schema shared with the browser editor. */
export function documentSchema() {
  schema ??= getSchema(documentExtensions());
  return schema;
}

/** ProseMirror JSON as stored in versions and accepted from seed data. */
export const proseMirrorJsonSchema: z.ZodType<ProseMirrorJson> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(proseMirrorJsonSchema).optional(),
    marks: z.array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
    text: z.string().optional(),
  }),
);
export type ProseMirrorJson = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
};

/** Encodes ProseMirror JSON as a Yjs document state, validating it against the editor schema. */
export function yjsStateFromJson(json: ProseMirrorJson): Uint8Array {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  const doc = prosemirrorJSONToYDoc(documentSchema(), json, DOCUMENT_FIELD);
  return Y.encodeStateAsUpdate(doc);
}

/** A stored document read as ProseMirror JSON; `repairs` lists what did not fit the schema (empty when valid). */
export type ReadDocument = { json: ProseMirrorJson; repairs: string[] };

/** One Yjs state from a document's stored parts (the compacted state, then each logged update); an empty document's for none. */
export function stateFromStoredParts(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/**
 * Reads a stored Yjs state as ProseMirror JSON and never throws on content: a state that does not
 * fit the editor's schema is read with what does not fit dropped or unwrapped and its text kept
 * (lib/documents/repair-content.ts), and the repairs are listed so the page can say so.
 */
export function readYjsState(state: Uint8Array): ReadDocument {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // y-prosemirror deletes, in the Y.Doc it reads, whatever it cannot turn into a node: a change
  // during the conversion means something was dropped silently, so the careful path reads instead.
  let isChanged = false;
  doc.on("update", () => (isChanged = true));
  try {
    const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
    node.check();
    if (!isChanged) return { json: jsonWithoutEmptyBlockSuggestions(node.toJSON() as ProseMirrorJson), repairs: [] };
  } catch {
    // Read carefully below.
  }
  const original = new Y.Doc();
  Y.applyUpdate(original, state);
  const { node, repairs } = repairJson(looseJsonFromFragment(original.getXmlFragment(DOCUMENT_FIELD)), documentSchema());
  return { json: jsonWithoutEmptyBlockSuggestions(node.toJSON() as ProseMirrorJson), repairs: repairs.length ? repairs : ["content the editor could not read"] };
}

/** Reads a Yjs document back as ProseMirror JSON (repaired if need be, see `readYjsState`). */
export function jsonFromYDoc(doc: Y.Doc): ProseMirrorJson {
  return readYjsState(Y.encodeStateAsUpdate(doc)).json;
}

/** Reads a stored Yjs state as ProseMirror JSON (repaired if need be, see `readYjsState`). */
export function jsonFromYjsState(state: Uint8Array): ProseMirrorJson {
  return readYjsState(state).json;
}

/** The plain text of a document, block by block. */
export function plainTextFromJson(json: ProseMirrorJson): string {
  return documentSchema().nodeFromJSON(json).textBetween(0, documentSchema().nodeFromJSON(json).content.size, "\n\n");
}
