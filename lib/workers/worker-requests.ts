import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** How long one request may take before its worker counts as hung: a 100-page PDF takes a few seconds. */
export const DEFAULT_WORKER_TIMEOUT_MS = 120_000;
/** A worker with nothing to do for this long exits, giving its memory back (200–310 MB after a 100-page file); the next request starts another. */
export const DEFAULT_WORKER_IDLE_MS = 2 * 60_000;
/** The nice value workers run at: the lowest priority there is. */
export const WORKER_NICE = 19;

export type WorkerRequestsOptions<Answer> = {
  /** What the worker does, as the start of a sentence for the person waiting: "Writing the Word file". */
  task: string;
  /**
   * The worker's module, from the repository (the server's working directory, as for the PDF fonts):
   * "lib/exports/pdf-worker.mjs". Node runs it with tsx's loader, as it runs the server, so it may
   * import the project's TypeScript; it answers with `serveRequests` (lib/workers/serve-requests.mts).
   */
  script: string;
  /** What a successful answer holds, checked as it arrives. */
  answer: z.ZodType<Answer>;
  timeoutMs?: number;
  idleMs?: number;
};

// What every worker answers (lib/workers/serve-requests.mts): the request's id and one of these
// (the answer last: `z.unknown()` would also accept a message without one).
const envelopeSchema = z.union([
  z.object({ id: z.number(), refusal: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
  z.object({ id: z.number(), answer: z.unknown() }),
]);

type Pending = { resolve: (answer: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type RunningWorker = { worker: ChildProcess; pending: Map<number, Pending>; nextId: number; idleTimer?: NodeJS.Timeout; hold: (hold: boolean) => void; fail: (reason: string, detail?: unknown) => void };

// One worker per task and process, kept on globalThis because Next.js may load a module once per route bundle.
const globalForWorkers = globalThis as unknown as { accordWorkers?: Map<string, RunningWorker> };

/**
 * Starts a worker process at the lowest priority, on one thread. A process rather than a thread,
 * because on Linux a thread's nice value is its own: a niced worker thread still shared the process
 * with V8's helper threads (garbage collection of the worker's heap), which ran at normal priority
 * and took the cores from the main thread that relays every edit; Word export stretched edit
 * latency 2.6–3.9 × that way, about 1.0–1.5 × as a niced process (bench/exports.ts). `nice` lowers
 * the priority before Node starts, so every thread the worker ever has inherits it. Where there is
 * no `nice` (Windows) the priority is set on the process, which there covers all its threads.
 *
 * One thread (V8's `--single-threaded`: no garbage collection or compilation beside the worker's
 * own thread), because a niced process's helper threads still slowed the server: while the Word
 * export's or import's worker collected on both cores, the server's event loop was late by 4–6 ms
 * at p99 against 1–3 ms idle, however low their priority (SCHED_IDLE made no difference), which is
 * the machine sharing its cores and caches rather than the scheduler. On one thread it is late by
 * what a lone niced loop of arithmetic costs, and the operations take 20–60 % longer (bench/exports.ts).
 */
function startWorkerProcess(script: string): ChildProcess {
  const node = [process.execPath, "--single-threaded", "--import", "tsx", path.resolve(process.cwd(), script)];
  const [command, ...args] = process.platform === "win32" ? node : ["nice", "-n", String(WORKER_NICE), ...node];
  const worker = spawn(command!, args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Structured clone, as between threads: Dates, Uint8Arrays and Maps arrive as they were sent.
    serialization: "advanced",
    // An inspector the server was started with (a benchmark reading its heap) is the server's, not the worker's.
    env: { ...process.env, NODE_OPTIONS: process.env.NODE_OPTIONS?.replace(/--inspect\S*/g, "").trim() },
  });
  if (process.platform === "win32" && worker.pid !== undefined) os.setPriority(worker.pid, WORKER_NICE);
  return worker;
}

/**
 * Requests to a worker process that answers each message (lib/workers/serve-requests.mts). The
 * worker starts on first use and stays for the next request (starting one costs a fork of the
 * server and reading the modules), until it has been idle for `idleMs`; it keeps the server's
 * event loop alive only while a request is pending, so an idle worker never keeps a test run or a
 * stopping server alive, and it exits when the server does. Whatever goes wrong in it becomes an
 * AppError for the caller: a refusal (the input's fault) is INVALID_INPUT with the worker's
 * message; a failure, an answer that does not parse, a crash or a request that outlives the
 * timeout is UNAVAILABLE, and a crashed or hung worker is replaced by a new one on the next request.
 */
export function workerRequests<Answer>({ task, script, answer, timeoutMs = DEFAULT_WORKER_TIMEOUT_MS, idleMs = DEFAULT_WORKER_IDLE_MS }: WorkerRequestsOptions<Answer>) {
  const unavailable = (reason: string) => new AppError("UNAVAILABLE", `${task} failed: ${reason}. Please try again.`);

  const forget = (running: RunningWorker) => {
    if (globalForWorkers.accordWorkers?.get(task) === running) globalForWorkers.accordWorkers.delete(task);
  };

  const runningWorker = (): RunningWorker => {
    globalForWorkers.accordWorkers ??= new Map();
    const existing = globalForWorkers.accordWorkers.get(task);
    if (existing) return existing;
    const worker = startWorkerProcess(script);
    const running: RunningWorker = {
      worker,
      pending: new Map(),
      nextId: 1,
      hold: (hold) => {
        for (const handle of [worker, worker.channel]) {
          if (hold) handle?.ref();
          else handle?.unref();
        }
      },
      fail: () => undefined,
    };
    const settle = (id: number) => {
      const pending = running.pending.get(id);
      if (!pending) return undefined;
      clearTimeout(pending.timer);
      running.pending.delete(id);
      if (running.pending.size === 0) {
        running.hold(false);
        running.idleTimer = setTimeout(() => {
          forget(running);
          // The worker exits when its server goes (lib/workers/serve-requests.mts).
          worker.disconnect();
        }, idleMs).unref();
      }
      return pending;
    };
    // The one place a worker's end is handled: stop it if it still runs, fail what it was doing; the next request starts another.
    running.fail = (reason: string, detail?: unknown) => {
      forget(running);
      worker.kill("SIGKILL");
      if (running.pending.size) console.error(`[workers] ${task}: ${reason}`, detail ?? "");
      for (const id of [...running.pending.keys()]) settle(id)!.reject(unavailable(reason));
      clearTimeout(running.idleTimer);
    };
    worker.on("message", (message: unknown) => {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) return running.fail("the worker sent a message Accord does not understand", envelope.error);
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
    worker.on("error", (error) => running.fail("the work could not start", error));
    worker.on("exit", (code, signal) => running.fail("the work stopped unexpectedly", signal ? `signal ${signal}` : `exit code ${code}`));
    running.hold(false);
    globalForWorkers.accordWorkers.set(task, running);
    return running;
  };

  /** Sends one request and waits for its answer. */
  return (request: Record<string, unknown>): Promise<Answer> => {
    const running = runningWorker();
    const id = running.nextId++;
    clearTimeout(running.idleTimer);
    return new Promise<Answer>((resolve, reject) => {
      // A request unanswered this long means a stuck worker (it handles one at a time): stop it, failing what waits on it.
      const timer = setTimeout(() => {
        const seconds = Math.round(timeoutMs / 1000);
        running.fail(`it took longer than ${seconds} second${seconds === 1 ? "" : "s"}`);
      }, timeoutMs);
      running.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject, timer });
      running.hold(true);
      const notSent = (error: unknown) => running.fail("the request could not be sent", error);
      try {
        running.worker.send({ ...request, id }, (error) => error && notSent(error));
      } catch (error) {
        notSent(error); // A value that cannot be cloned.
      }
    });
  };
}
