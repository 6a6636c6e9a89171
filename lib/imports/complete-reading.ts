import { documentSchema, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import type { ImportNotice, WordReading } from "@/lib/imports/read-word-file.mts";

/** What an import would create: the text, what it holds, and what was lost on the way. */
export type ImportAnalysis = {
  json: ProseMirrorJson;
  /** The text as the Yjs state a new document stores. */
  yjsState: Uint8Array;
  summary: { articles: number; numberedParagraphs: number; notes: number; tables: number; lists: number; characters: number };
  notices: ImportNotice[];
  /** A title for the new document: the first heading, or the file name. */
  suggestedTitle: string;
};

/**
 * Completes what mammoth's reading gave (lib/imports/read-word-file.mts), in the same worker: the
 * check against the editor's schema (throws RangeError if the mapping produced something the editor
 * could not hold), its Yjs state, the length of the text and a suggested title. A text of no characters is the
 * worker's to refuse (lib/imports/docx-worker.mjs).
 */
export function analysisFromReading({ reading: { json, summary, notices }, fileName }: { reading: WordReading; fileName: string }): ImportAnalysis {
  const document = documentSchema().nodeFromJSON(json);
  document.check();
  const characters = document.textContent.length;
  let firstHeading: string | null = null;
  document.forEach((block) => {
    if (firstHeading === null && block.type.name === "heading") firstHeading = block.textContent.trim();
  });
  const headingText = firstHeading ?? "";
  return {
    json,
    yjsState: yjsStateFromJson(json),
    summary: { ...summary, characters },
    notices,
    suggestedTitle: (headingText || fileName.replace(/\.docx$/i, "")).slice(0, 200),
  };
}
