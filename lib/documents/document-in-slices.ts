import { Fragment, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { mapInSlices } from "@/lib/workers/in-slices";


export type DocumentInSlices = { document: ProseMirrorNode; characters: number };

/**
 * Builds a document from JSON and checks it against the editor's schema, as `nodeFromJSON` and
 * `check()` would, but a few top-level blocks at a time, letting the event loop run between
 * slices: for a 100-page text the whole takes 25–50 ms on this thread, which in one piece would
 * hold back every edit relayed meanwhile. Throws like `check()` (RangeError) for invalid content.
 */
export async function documentFromJsonInSlices(json: ProseMirrorJson): Promise<DocumentInSlices> {
  const schema = documentSchema();
  const blocks = await mapInSlices(json.content ?? [], (blockJson) => {
    const block = schema.nodeFromJSON(blockJson);
    block.check();
    return block;
  });
  const characters = blocks.reduce((sum, block) => sum + block.textContent.length, 0);
  // Each block was checked with everything inside it; what is left is the order of the blocks.
  if (!schema.topNodeType.validContent(Fragment.from(blocks))) throw new RangeError(`Invalid content for node ${schema.topNodeType.name}`);
  return { document: schema.topNodeType.create(json.attrs ?? null, blocks), characters };
}
