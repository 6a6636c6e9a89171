import { z } from "zod";
import type { ExportThread } from "@/lib/exports/place-threads";
import type { ExportedFile, ExportSource } from "@/lib/exports/read-source";
import { workerRequests } from "@/lib/workers/worker-requests";

const requestFile = workerRequests({
  task: "Writing the Word file",
  script: "lib/exports/docx-export-worker.mjs",
  answer: z.object({ bytes: z.instanceof(Uint8Array), digest: z.string() }),
});

const asFile = ({ bytes, digest }: { bytes: Uint8Array; digest: string }): ExportedFile => ({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), digest });

/**
 * A Word document (.docx) of a version or the live text, numbered exactly as the editor numbers it,
 * with Word comments for `threads` and, with `trackChanges`, the open suggestions as tracked
 * changes. All of it happens in a worker (lib/exports/docx-export-worker.mjs), from the text as
 * stored, so collaboration keeps its latency while a long document is exported.
 */
export async function buildDocx({ source, threads = [], trackChanges = false }: { source: ExportSource; threads?: ExportThread[]; trackChanges?: boolean }): Promise<ExportedFile> {
  return asFile(await requestFile({ document: { source, threads, trackChanges } }));
}

/** The comment-resolution table of a version or the live text, as a Word document or CSV, made in the same worker. */
export async function buildResolutionTable({ source, threads, format }: { source: ExportSource; threads: ExportThread[]; format: "docx" | "csv" }): Promise<ExportedFile> {
  return asFile(await requestFile({ resolutionTable: { source, threads, format } }));
}
