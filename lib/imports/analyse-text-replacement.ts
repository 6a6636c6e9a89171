import { z } from "zod";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { documentSchema, readYjsState } from "@/lib/documents/content";
import { getDocument } from "@/lib/documents/find-documents";
import { loadDocumentState } from "@/lib/documents/live-state";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { AppError, parseInput } from "@/lib/errors";
import { importFileInput } from "@/lib/imports/analyse-import";
import { analyseDocx, type ImportAnalysis } from "@/lib/imports/read-docx";
import { authorize, type Actor } from "@/lib/policy";

export const replaceTextInput = importFileInput.extend({ documentId: z.string().min(1).max(64) });

/** What replacing the text takes away from the current one, for the confirmation. */
export type ReplacedText = {
  title: string;
  /** Comment threads anchored in the current text: they keep their quote but lose their place. */
  anchoredThreads: number;
  /** Open suggestions in the current text: they go with it (a checkpoint keeps the text without them). */
  openSuggestions: number;
};

/**
 * The first step of replacing a draft's text from a Word file: what the file would become, the
 * import report, and what the current text would lose. Stores nothing.
 */
export async function analyseTextReplacement({ actor, ...input }: { actor: Actor } & z.input<typeof replaceTextInput>): Promise<ImportAnalysis & { replaced: ReplacedText }> {
  const data = parseInput(replaceTextInput, input);
  const document = await getDocument({ actor, documentId: data.documentId });
  authorize(actor, "document.replaceText", document.target);
  const analysis = await analyseDocx(data);
  const loaded = await loadDocumentState(data.documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  const { json } = readYjsState(loaded.state);
  return {
    ...analysis,
    replaced: {
      title: document.title,
      anchoredThreads: findThreadAnchors(loaded.state).size,
      openSuggestions: findSuggestions(documentSchema().nodeFromJSON(json)).length,
    },
  };
}
