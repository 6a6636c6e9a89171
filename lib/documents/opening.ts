import type { ProseMirrorJson } from "@/lib/documents/content";

/**
 * The first top-level blocks of a document, up to about `characters` of text (always at least one
 * block, never a block cut in two), and whether that is the whole document. The document page
 * paints this opening while the editor loads the text: a 100-page text sent as HTML doubled the
 * page's weight (the HTML and React's copy of it) and its layout, to show one screen.
 */
export function openingOf(json: ProseMirrorJson, characters: number): { json: ProseMirrorJson; isWhole: boolean } {
  const blocks = json.content ?? [];
  let count = 0;
  let taken = 0;
  while (taken < blocks.length && (taken === 0 || count < characters)) {
    count += textLength(blocks[taken]!);
    taken += 1;
  }
  if (taken === blocks.length) return { json, isWhole: true };
  return { json: { ...json, content: blocks.slice(0, taken) }, isWhole: false };
}

function textLength(node: ProseMirrorJson): number {
  return (node.text?.length ?? 0) + (node.content ?? []).reduce((sum, child) => sum + textLength(child), 0);
}
