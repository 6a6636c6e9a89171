import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { AppError } from "@/lib/errors";
import type { ImportAnalysis } from "@/lib/imports/complete-reading";
import type { ImportNotice } from "@/lib/imports/read-word-file.mts";
import { workerRequests } from "@/lib/workers/worker-requests";

/** The largest upload accepted; a 100-page MoU with a few images is well under 5 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const FILE_TOO_LARGE_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Remove images or split it, then try again.`;
export type { ImportAnalysis, ImportNotice };

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

  // The checks above read a few bytes; the zip, mammoth, the mapping and the schema check run in the worker.
  return readInWorker(buffer, fileName);
}

// The shape of what the worker answers (ImportAnalysis). The text's tree was checked there by the editor's schema
// (stricter than zod, and a deep zod pass here would cost this thread tens of milliseconds on a 100-page file).
const analysisSchema = z.object({
  json: z.custom<ProseMirrorJson>((value) => typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc", "The reading holds no document."),
  yjsState: z.instanceof(Uint8Array),
  summary: z.object({ articles: z.number(), numberedParagraphs: z.number(), notes: z.number(), tables: z.number(), lists: z.number(), characters: z.number() }),
  notices: z.array(z.object({ kind: z.string(), count: z.number(), message: z.string() })),
  suggestedTitle: z.string(),
});

const requestReading = workerRequests({
  task: "Reading the Word file",
  startWorker: () => new Worker(new URL("./docx-worker.mjs", import.meta.url), { execArgv: ["--import", "tsx"] }),
  answer: analysisSchema,
});

/** Reads the Word file off the main thread, so collaboration keeps its latency while a long file is read. */
function readInWorker(buffer: Buffer, fileName: string): Promise<ImportAnalysis> {
  // A copy the worker owns: the caller keeps its bytes (for the file's digest).
  const bytes = new Uint8Array(buffer);
  return requestReading({ bytes, fileName }, [bytes.buffer]);
}
