import type { TransferListItem, Worker } from "node:worker_threads";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** How long one request may take before its worker counts as hung: a 100-page PDF takes a few seconds. */
export const DEFAULT_WORKER_TIMEOUT_MS = 120_000;

export type WorkerRequestsOptions<Answer> = {
  /** What the worker does, as the start of a sentence for the person waiting: "Writing the Word file". */
  task: string;
  /**
   * Starts the worker. It must be written out in the caller as
   * `() => new Worker(new URL("./x-worker.mjs", import.meta.url))`, options (if any) as an object
   * literal: Next.js's bundler finds a worker, and bundles it with what it imports, only from that
   * literal expression (given a variable for the options it copies the file as a loose asset). A
   * worker that imports the project's TypeScript (`@/` paths, imports without extensions) passes
   * `{ execArgv: ["--import", "tsx"] }`: tsx's loader, which the server itself runs under (`npm
   * start`), for the tests and benchmarks, where the worker is not bundled; a bundled worker passes
   * through it unchanged.
   */
  startWorker: () => Worker;
  /** What a successful answer holds, checked as it arrives. */
  answer: z.ZodType<Answer>;
  timeoutMs?: number;
};

// What every worker answers (lib/workers/serve-requests.mts): the request's id and one of these
// (the answer last: `z.unknown()` would also accept a message without one).
const envelopeSchema = z.union([
  z.object({ id: z.number(), refusal: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
  z.object({ id: z.number(), answer: z.unknown() }),
]);

type Pending = { resolve: (answer: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type RunningWorker = { worker: Worker; pending: Map<number, Pending>; nextId: number; fail: (reason: string, detail?: unknown) => void };

// One worker per task and process, kept on globalThis because Next.js may load a module once per route bundle.
const globalForWorkers = globalThis as unknown as { accordWorkers?: Map<string, RunningWorker> };

/**
 * Requests to a worker thread that answers each message (lib/workers/serve-requests.mts). The
 * worker starts on first use and is kept referenced only while a request is pending, so an idle
 * worker never keeps a test run or a stopping server alive. Whatever goes wrong in it becomes an
 * AppError for the caller: a refusal (the input's fault) is INVALID_INPUT with the worker's
 * message; a failure, an answer that does not parse, a crash or a request that outlives the
 * timeout is UNAVAILABLE, and a crashed or hung worker is replaced by a new one on the next request.
 */
export function workerRequests<Answer>({ task, startWorker, answer, timeoutMs = DEFAULT_WORKER_TIMEOUT_MS }: WorkerRequestsOptions<Answer>) {
  const unavailable = (reason: string) => new AppError("UNAVAILABLE", `${task} failed: ${reason}. Please try again.`);

  const runningWorker = (): RunningWorker => {
    globalForWorkers.accordWorkers ??= new Map();
    const existing = globalForWorkers.accordWorkers.get(task);
    if (existing) return existing;
    const worker = startWorker();
    const running: RunningWorker = { worker, pending: new Map(), nextId: 1, fail: () => undefined };
    const settle = (id: number) => {
      const pending = running.pending.get(id);
      if (!pending) return undefined;
      clearTimeout(pending.timer);
      running.pending.delete(id);
      if (running.pending.size === 0) worker.unref();
      return pending;
    };
    // The one place a worker's death is handled: fail what it was doing; the next request starts another.
    const fail = (running.fail = (reason: string, detail?: unknown) => {
      if (globalForWorkers.accordWorkers?.get(task) === running) globalForWorkers.accordWorkers.delete(task);
      if (running.pending.size) console.error(`[workers] ${task}: ${reason}`, detail ?? "");
      for (const id of [...running.pending.keys()]) settle(id)!.reject(unavailable(reason));
    });
    worker.on("message", (message: unknown) => {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) return fail("the worker sent a message Accord does not understand", envelope.error);
      const pending = settle(envelope.data.id);
      if (!pending) return;
      if ("refusal" in envelope.data) return pending.reject(new AppError("INVALID_INPUT", envelope.data.refusal));
      if ("error" in envelope.data) {
        console.error(`[workers] ${task}: ${envelope.data.error}`);
        return pending.reject(unavailable("an error occurred on the server"));
      }
      const parsed = answer.safeParse(envelope.data.answer);
      if (!parsed.success) {
        console.error(`[workers] ${task}: unexpected answer`, parsed.error);
        return pending.reject(unavailable("the server produced something unexpected"));
      }
      pending.resolve(parsed.data);
    });
    worker.on("messageerror", (error) => fail("an answer could not be received", error));
    worker.on("error", (error) => fail("the work stopped unexpectedly", error));
    worker.on("exit", (code) => fail("the work stopped unexpectedly", `exit code ${code}`));
    worker.unref();
    globalForWorkers.accordWorkers.set(task, running);
    return running;
  };

  /** Sends one request (the transfer list moves buffers instead of copying them) and waits for its answer. */
  return (request: Record<string, unknown>, transfer: readonly TransferListItem[] = []): Promise<Answer> => {
    const running = runningWorker();
    const id = running.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      // A request unanswered this long means a stuck worker (it handles one at a time): stop it, failing what waits on it.
      const timer = setTimeout(() => {
        const seconds = Math.round(timeoutMs / 1000);
        running.fail(`it took longer than ${seconds} second${seconds === 1 ? "" : "s"}`);
        void running.worker.terminate();
      }, timeoutMs);
      running.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject, timer });
      running.worker.ref();
      running.worker.postMessage({ ...request, id }, transfer);
    });
  };
}
