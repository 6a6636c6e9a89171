import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { DocxPlan, ResolutionDocxPlan } from "@/lib/exports/write-docx.mts";
import { workerRequests } from "@/lib/workers/worker-requests";

const requestDocx = workerRequests({
  task: "Writing the Word file",
  startWorker: () => new Worker(new URL("./docx-export-worker.mjs", import.meta.url)),
  answer: z.instanceof(Uint8Array),
});

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Writes a document's Word file off the main thread, so collaboration keeps its latency while a long document is exported. */
export async function renderDocx(plan: DocxPlan): Promise<Buffer> {
  return asBuffer(await requestDocx({ document: plan }));
}

/** Writes the comment-resolution table's Word file off the main thread. */
export async function renderResolutionDocx(plan: ResolutionDocxPlan): Promise<Buffer> {
  return asBuffer(await requestDocx({ resolutionTable: plan }));
}
