import * as Y from "yjs";
import { z } from "zod";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";

/** Where a thread's passage is now: a key that orders passages by reading order, and the words it covers. */
export type ThreadAnchor = { position: number; text: string };

const markAttributesSchema = z.object({ threadId: z.string().min(1) });

/**
 * Finds every comment anchor in a document's Yjs state by reading the marks' formatting
 * attributes directly (the collaborative binding stores a mark as `comment`, or as
 * `comment--<hash>` when marks of the same kind overlap). Words of one passage split across
 * blocks are joined with a line break.
 */
export function findThreadAnchors(state: Uint8Array): Map<string, ThreadAnchor> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // The element holding the last piece found for each thread: pieces in one block join directly.
  const anchors = new Map<string, ThreadAnchor & { block: Y.XmlElement | Y.XmlFragment }>();
  let position = 0;

  const visit = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook, block: Y.XmlElement | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      for (const operation of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const length = typeof operation.insert === "string" ? operation.insert.length : 1;
        const text = typeof operation.insert === "string" ? operation.insert : "";
        for (const [key, value] of Object.entries(operation.attributes ?? {})) {
          if (key !== COMMENT_MARK && !key.startsWith(`${COMMENT_MARK}--`)) continue;
          const parsed = markAttributesSchema.safeParse(value);
          if (!parsed.success) continue;
          const existing = anchors.get(parsed.data.threadId);
          if (!existing) anchors.set(parsed.data.threadId, { position, text, block });
          else {
            existing.text += (existing.block === block ? "" : "\n") + text;
            existing.block = block;
          }
        }
        position += length;
      }
      return;
    }
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) visit(child, node);
      // A block boundary counts as one place, so positions of separate blocks never touch.
      if (node instanceof Y.XmlElement) position += 1;
    }
  };
  const root = doc.getXmlFragment(DOCUMENT_FIELD);
  visit(root, root);
  return new Map([...anchors].map(([threadId, { position: start, text }]) => [threadId, { position: start, text }]));
}
