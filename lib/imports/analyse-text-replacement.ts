import { z } from "zod";
import { getDocument } from "@/lib/documents/find-documents";
import { findStoredStateParts } from "@/lib/documents/live-state";
import { AppError, parseInput } from "@/lib/errors";
import { importFileInput } from "@/lib/imports/analyse-import";
import { analyseDocxReplacing, type ImportAnalysis } from "@/lib/imports/read-docx";
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
  const stored = await findStoredStateParts(data.documentId);
  if (!stored) throw new AppError("NOT_FOUND", "This document does not exist.");
  // The worker reading the file also reads the current text (lib/imports/plan-text-replacement.ts).
  const { replacement, ...analysis } = await analyseDocxReplacing({ ...data, replacing: { stateParts: stored.parts, actor, target: document.target } });
  return { ...analysis, replaced: { title: document.title, ...replacement.replaced } };
}
