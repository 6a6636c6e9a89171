import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ImportAnalysis as FullAnalysis } from "@/lib/imports/complete-reading";
import type { TextReplacementPlan } from "@/lib/imports/plan-text-replacement";
import type { ImportNotice } from "@/lib/imports/read-word-file.mts";
import type { Actor, DocumentTarget } from "@/lib/policy";
import { workerRequests } from "@/lib/workers/worker-requests";

/** The largest upload accepted; a 100-page MoU with a few images is well under 5 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const FILE_TOO_LARGE_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Remove images or split it, then try again.`;
export type { ImportNotice };
/** What reading a Word file gives the server: the text as a Yjs state, and the import report. */
export type ImportAnalysis = Omit<FullAnalysis, "json">;

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads a .docx upload into Accord's schema without storing anything. Refuses, with a message a
 * person can act on, anything that is not a Word document Accord can read: another format, a
 * damaged file, a password-protected one, a macro container, one over the size limit.
 */
export async function analyseDocx({ bytes, fileName }: { bytes: Uint8Array; fileName: string }): Promise<ImportAnalysis> {
  return requestAnalysis({ bytes: checkedUpload(bytes), fileName });
}

/**
 * The same reading, for replacing a draft's text: the worker also plans the replacement
 * (lib/imports/plan-text-replacement.ts) from the document's stored Yjs parts.
 */
export async function analyseDocxReplacing({ bytes, fileName, replacing }: {
  bytes: Uint8Array;
  fileName: string;
  replacing: { stateParts: Uint8Array[]; actor: Actor; target: DocumentTarget };
}): Promise<ImportAnalysis & { replacement: TextReplacementPlan }> {
  return requestReplacement({ bytes: checkedUpload(bytes), fileName, replacing });
}

/** The first bytes and the size, checked here (the zip, mammoth, the mapping and the schema check run in the worker). */
function checkedUpload(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) throw new AppError("INVALID_INPUT", "The file is empty.");
  if (buffer.length > MAX_IMPORT_BYTES) throw new AppError("INVALID_INPUT", FILE_TOO_LARGE_MESSAGE);
  if (buffer.subarray(0, 8).equals(OLE_SIGNATURE)) {
    // Word keeps a password-protected .docx inside an OLE container with an EncryptionInfo stream.
    if (buffer.includes(Buffer.from("EncryptionInfo", "utf16le"))) {
      throw new AppError("INVALID_INPUT", "The file is password-protected. Remove the password in Word (File → Info → Protect Document), save, and upload it again.");
    }
    throw new AppError("INVALID_INPUT", "This is an old Word 97–2003 (.doc) file. Save it as a Word document (.docx) and upload that.");
  }
  if (!buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new AppError("INVALID_INPUT", "This file is not a Word document (.docx).");
  return bytes;
}

// The shape of what the worker answers (ImportAnalysis). The text was checked there by the editor's schema
// before it became the Yjs state.
const analysisSchema = z.object({
  yjsState: z.instanceof(Uint8Array),
  summary: z.object({ articles: z.number(), numberedParagraphs: z.number(), notes: z.number(), tables: z.number(), lists: z.number(), characters: z.number() }),
  notices: z.array(z.object({ kind: z.string(), count: z.number(), message: z.string() })),
  suggestedTitle: z.string(),
});

const replacementSchema = z.object({
  replaced: z.object({ anchoredThreads: z.number(), openSuggestions: z.number() }),
  previous: z.object({ content: z.string(), digest: z.string(), contentWithSuggestions: z.string(), digestWithSuggestions: z.string() }),
  update: z.instanceof(Uint8Array),
  digest: z.string(),
  refusal: z.string().nullable(),
});

// One worker reads Word files for both, with one answer schema: a worker's answers are checked by the schema of
// whichever request started it, so two schemas for one worker would strip what only the other one knows.
const requestReading = workerRequests({
  task: "Reading the Word file",
  script: "lib/imports/docx-worker.mjs",
  answer: analysisSchema.extend({ replacement: replacementSchema.optional() }),
});
const requestAnalysis = async (request: { bytes: Uint8Array; fileName: string }): Promise<ImportAnalysis> => {
  const { replacement: _none, ...analysis } = await requestReading(request);
  return analysis;
};
const requestReplacement = async (request: { bytes: Uint8Array; fileName: string; replacing: unknown }) => {
  const { replacement, ...analysis } = await requestReading(request);
  if (!replacement) throw new AppError("UNAVAILABLE", "Reading the Word file failed: the server produced something unexpected. Please try again.");
  return { ...analysis, replacement };
};
