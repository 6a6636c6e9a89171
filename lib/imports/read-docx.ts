import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { documentFromJsonInSlices } from "@/lib/documents/document-in-slices";
import { AppError } from "@/lib/errors";
import { workerRequests } from "@/lib/workers/worker-requests";
import type { ImportNotice, WordReading } from "@/lib/imports/read-word-file.mts";

/** The largest upload accepted; a 100-page MoU with a few images is well under 5 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const FILE_TOO_LARGE_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Remove images or split it, then try again.`;
export type { ImportNotice };

/** What an import would create: the text, what it holds, and what was lost on the way. */
export type ImportAnalysis = {
  json: ProseMirrorJson;
  summary: { articles: number; numberedParagraphs: number; notes: number; tables: number; lists: number; characters: number };
  notices: ImportNotice[];
  /** A title for the new document: the first heading, or the file name. */
  suggestedTitle: string;
};

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads a .docx upload into Accord's schema without storing anything. Refuses, with a message a
 * person can act on, anything that is not a Word document Accord can read: another format, a
 * damaged file, a password-protected one, a macro container, one over the size limit.
 */
export async function analyseDocx({ bytes, fileName }: { bytes: Uint8Array; fileName: string }): Promise<ImportAnalysis> {
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

  // The checks above read a few bytes; the zip, mammoth and the mapping run in the worker.
  return analysisFromReading({ reading: await readInWorker(buffer), fileName });
}

/**
 * Completes what the worker read (lib/imports/read-word-file.mts) on this thread, where the
 * editor's schema is loaded: the schema check (in slices, between which edits are relayed), the
 * length of the text and a suggested title.
 */
export async function analysisFromReading({ reading: { json, summary, notices }, fileName }: { reading: WordReading; fileName: string }): Promise<ImportAnalysis> {
  const { document, characters } = await documentFromJsonInSlices(json);
  if (characters === 0) throw new AppError("INVALID_INPUT", "The document has no text to import.");
  let firstHeading: string | null = null;
  document.forEach((block) => {
    if (firstHeading === null && block.type.name === "heading") firstHeading = block.textContent.trim();
  });
  const headingText = firstHeading ?? "";
  return {
    json,
    summary: { ...summary, characters },
    notices,
    suggestedTitle: (headingText || fileName.replace(/\.docx$/i, "")).slice(0, 200),
  };
}

// The shape of what the worker reads (WordReading). The text's tree is checked once, by the editor's schema in
// analysisFromReading (stricter than zod, and a deep zod pass would double the 25–50 ms this thread spends on a 100-page file).
const wordReadingSchema = z.object({
  json: z.custom<ProseMirrorJson>((value) => typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc", "The reading holds no document."),
  summary: z.object({ articles: z.number(), numberedParagraphs: z.number(), notes: z.number(), tables: z.number(), lists: z.number() }),
  notices: z.array(z.object({ kind: z.string(), count: z.number(), message: z.string() })),
});

const requestReading = workerRequests({
  task: "Reading the Word file",
  startWorker: () => new Worker(new URL("./docx-worker.mjs", import.meta.url)),
  answer: wordReadingSchema,
});

/** Reads the Word file off the main thread, so collaboration keeps its latency while a long file is read. */
function readInWorker(buffer: Buffer): Promise<WordReading> {
  // A copy the worker owns: the caller keeps its bytes (for the file's digest).
  const bytes = new Uint8Array(buffer);
  return requestReading({ bytes }, [bytes.buffer]);
}
