import path from "node:path";
import { Worker, type TransferListItem } from "node:worker_threads";

type Pending = { resolve: (answer: unknown) => void; reject: (error: Error) => void };
type WorkerState = { worker: Worker; pending: Map<number, Pending>; nextId: number };

// One worker per script and process, kept on globalThis because Next.js may load a module once per route bundle.
const globalForWorkers = globalThis as unknown as { accordWorkers?: Map<string, WorkerState> };

/**
 * Requests to a plain .mjs worker script (lib/…, resolved from the working directory because
 * bundlers move the calling module): each message gets an `id`, and the worker answers with that
 * `id`. The worker is started on first use, kept referenced only while a request is pending (an
 * idle worker must not keep a test run or a stopping server alive), and replaced after it fails
 * or stops, failing what it was doing.
 */
export function workerRequests<Answer>(scriptPath: readonly string[]) {
  const key = path.join(...scriptPath);
  const workerState = (): WorkerState => {
    globalForWorkers.accordWorkers ??= new Map();
    const existing = globalForWorkers.accordWorkers.get(key);
    if (existing) return existing;
    const worker = new Worker(path.join(process.cwd(), key));
    const state: WorkerState = { worker, pending: new Map(), nextId: 1 };
    worker.on("message", (answer: Answer & { id: number }) => {
      const pending = state.pending.get(answer.id);
      if (!pending) return;
      state.pending.delete(answer.id);
      if (state.pending.size === 0) worker.unref();
      pending.resolve(answer);
    });
    const fail = (error: Error) => {
      for (const pending of state.pending.values()) pending.reject(error);
      state.pending.clear();
      if (globalForWorkers.accordWorkers?.get(key) === state) globalForWorkers.accordWorkers.delete(key);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The worker ${key} stopped (exit code ${code}).`)));
    worker.unref();
    globalForWorkers.accordWorkers.set(key, state);
    return state;
  };
  return (message: Record<string, unknown>, transfer: readonly TransferListItem[] = []): Promise<Answer> => {
    const state = workerState();
    const id = state.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      state.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject });
      state.worker.ref();
      state.worker.postMessage({ ...message, id }, transfer);
    });
  };
}
