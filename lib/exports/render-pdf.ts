import { workerRequests } from "@/lib/workers/worker-requests";

/** A pdfmake document definition: plain data, so it can cross to the worker. */
export type PdfDefinition = Record<string, unknown>;
/** The running header and footer texts the worker prints on every page. */
export type PdfRunningText = { header: string; footer: string };

const requestPdf = workerRequests<{ bytes?: Uint8Array; error?: string }>(["lib", "exports", "pdf-worker.mjs"]);

/** Writes a PDF off the main thread, so collaboration keeps its latency while a long document is typeset. */
export async function renderPdf(definition: PdfDefinition, running: PdfRunningText): Promise<Buffer> {
  const { bytes, error } = await requestPdf({ definition, running });
  if (error || !bytes) throw new Error(`PDF generation failed: ${error}`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
