import path from "node:path";
import { Worker } from "node:worker_threads";

/** A pdfmake document definition: plain data, so it can cross to the worker. */
export type PdfDefinition = Record<string, unknown>;
/** The running header and footer texts the worker prints on every page. */
export type PdfRunningText = { header: string; footer: string };

type Pending = { resolve: (bytes: Buffer) => void; reject: (error: Error) => void };

// One worker per process, kept on globalThis because Next.js may load this module once per route bundle.
const globalForPdf = globalThis as unknown as { accordPdfWorker?: { worker: Worker; pending: Map<number, Pending>; nextId: number } };

function pdfWorker() {
  if (globalForPdf.accordPdfWorker) return globalForPdf.accordPdfWorker;
  // Resolved from the working directory (the repository) because bundlers move this module.
  const worker = new Worker(path.join(process.cwd(), "lib", "exports", "pdf-worker.mjs"));
  const state = { worker, pending: new Map<number, Pending>(), nextId: 1 };
  worker.on("message", ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
    const pending = state.pending.get(id);
    if (!pending) return;
    state.pending.delete(id);
    if (state.pending.size === 0) worker.unref();
    if (error || !bytes) pending.reject(new Error(`PDF generation failed: ${error}`));
    else pending.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  worker.on("error", (error) => {
    for (const pending of state.pending.values()) pending.reject(error);
    state.pending.clear();
    globalForPdf.accordPdfWorker = undefined;
  });
  // An idle worker must not keep a test run or a stopping server alive.
  worker.unref();
  globalForPdf.accordPdfWorker = state;
  return state;
}

/** Writes a PDF off the main thread, so collaboration keeps its latency while a long document is typeset. */
export function renderPdf(definition: PdfDefinition, running: PdfRunningText): Promise<Buffer> {
  const state = pdfWorker();
  const id = state.nextId++;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.ref();
    state.worker.postMessage({ id, definition, running });
  });
}
