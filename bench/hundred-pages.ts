import type { ProseMirrorJson } from "@/lib/documents/content";
import { memorandumDraft } from "@/lib/documents/memorandum-template";

export const MOU_PAGES = 100;
/** A printed page of treaty text: about 3,000 characters. */
const CHARACTERS_PER_PAGE = 3_000;

/** The Albanian draft's articles repeated and renumbered until the text fills about 100 pages. */
export function hundredPageMemorandum(): ProseMirrorJson {
  const draft = memorandumDraft();
  const content: ProseMirrorJson[] = [];
  let characters = 0;
  for (let part = 1; characters < MOU_PAGES * CHARACTERS_PER_PAGE; part += 1) {
    content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Part ${part}` }] });
    for (const block of draft.content ?? []) {
      content.push(block);
      characters += JSON.stringify(block).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.join("").length ?? 0;
    }
  }
  return { type: "doc", content };
}

