import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { z } from "zod";
import { DOCUMENT_FIELD, documentExtensions } from "@/lib/editor/extensions";

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

/** Reads a Yjs document back as ProseMirror JSON. */
export function jsonFromYDoc(doc: Y.Doc): ProseMirrorJson {
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
  return node.toJSON() as ProseMirrorJson;
}

/** Reads a stored Yjs state as ProseMirror JSON. */
export function jsonFromYjsState(state: Uint8Array): ProseMirrorJson {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return jsonFromYDoc(doc);
}

/** The plain text of a document, block by block. */
export function plainTextFromJson(json: ProseMirrorJson): string {
  return documentSchema().nodeFromJSON(json).textBetween(0, documentSchema().nodeFromJSON(json).content.size, "\n\n");
}
