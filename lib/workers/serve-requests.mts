// The worker's side of lib/workers/worker-requests.ts. Runs inside worker threads, which Node may
// load without a bundler (tests, benchmarks): TypeScript that Node's type stripping runs as it is,
// with nothing but Node's own modules at run time.
import os from "node:os";
import { parentPort, type TransferListItem } from "node:worker_threads";

/** The nice value export and import workers run at: the lowest priority there is. */
export const WORKER_NICE = 19;

/** What a handler returns: the answer, and the buffers to move to the main thread rather than copy. */
export type Served = { answer: unknown; transfer?: TransferListItem[] };

/**
 * Answers each request from the main thread with the handler's result, or with the error it threw:
 * as a refusal (the input's fault, its message meant for the person) when `isRefusal` says so,
 * otherwise as a failure. Lowers this thread's priority first.
 */
export function serveRequests(handle: (request: Record<string, unknown>) => Promise<Served>, { isRefusal = () => false }: { isRefusal?: (error: unknown) => boolean } = {}) {
  if (!parentPort) throw new Error("serveRequests runs only in a worker thread.");
  const port = parentPort;
  yieldToMainThread();
  port.on("message", async ({ id, ...request }: { id: number } & Record<string, unknown>) => {
    try {
      const { answer, transfer = [] } = await handle(request);
      port.postMessage({ id, answer }, transfer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage(isRefusal(error) ? { id, refusal: message } : { id, error: message });
    }
  });
}

/**
 * Bytes as an answer (`{ bytes, ...alongside }`), moved rather than copied; a view into a larger
 * buffer (Node's pool) is copied first, since moving would take the rest with it.
 */
export function servedBytes(bytes: Uint8Array, alongside: Record<string, unknown> = {}): Served {
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return { answer: { bytes: owned, ...alongside }, transfer: [owned.buffer as ArrayBuffer] };
}

// Exports and imports share the machine's cores with the main thread, which relays every edit; at
// equal priority a busy worker stretches edit latency several times over on two cores. On Linux the
// nice value belongs to the thread, and setpriority() for pid 0 (what os.setPriority(priority)
// passes) changes the calling thread only, so this lowers the worker and leaves the main thread as
// it was (lib/workers/worker-requests.test.ts checks both). Elsewhere it may lower the whole process
// or be refused; a worker at normal priority still works, so a refusal is not an error.
function yieldToMainThread() {
  if (process.platform !== "linux") return;
  try {
    os.setPriority(WORKER_NICE);
  } catch {
    // Refused (a sandbox without the permission): run at the priority given.
  }
}
