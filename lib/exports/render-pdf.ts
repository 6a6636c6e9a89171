import { Worker } from "node:worker_threads";
import { z } from "zod";
import { workerRequests } from "@/lib/workers/worker-requests";

/** A pdfmake document definition: plain data, so it can cross to the worker. */
export type PdfDefinition = Record<string, unknown>;
/** The running header and footer texts the worker prints on every page. */
export type PdfRunningText = { header: string; footer: string };

const requestPdf = workerRequests({
  task: "Typesetting the PDF",
  startWorker: () => new Worker(new URL("./pdf-worker.mjs", import.meta.url)),
  answer: z.instanceof(Uint8Array),
});

/** Writes a PDF off the main thread, so collaboration keeps its latency while a long document is typeset. */
export async function renderPdf(definition: PdfDefinition, running: PdfRunningText): Promise<Buffer> {
  const bytes = await requestPdf({ definition, running });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
