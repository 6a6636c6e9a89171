import { prosemirrorToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";

/**
 * The Yjs update that replaces a document's whole body with `json`, computed against `state`: it
 * deletes every block the state holds and inserts the new text, as one transaction of a new Yjs
 * client. Applied to any copy that has `state` (or more), it leaves exactly the new text, plus
 * whatever that copy had beyond `state`, merged as Yjs merges concurrent edits. `document` is the
 * state with the update applied.
 */
export function buildTextReplacement({ state, json }: { state: Uint8Array; json: ProseMirrorJson }): { update: Uint8Array; document: Y.Doc } {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  const document = new Y.Doc();
  Y.applyUpdate(document, state);
  let update: Uint8Array | null = null;
  // Only this transaction's structs and deletions, not the document's whole delete set.
  const capture = (transactionUpdate: Uint8Array) => (update = transactionUpdate);
  document.on("update", capture);
  const body = document.getXmlFragment(DOCUMENT_FIELD);
  document.transact(() => {
    body.delete(0, body.length);
    prosemirrorToYXmlFragment(node, body);
  });
  document.off("update", capture);
  if (!update) throw new Error("The replacement changed nothing");
  return { update, document };
}
