import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { WORKER_NICE } from "@/lib/workers/serve-requests.mjs";
import { workerRequests } from "@/lib/workers/worker-requests";

type Behaviour = "echo" | "wrong-shape" | "refuse" | "throw" | "crash" | "hang" | "priority";

let started = 0;
/** A fresh task name per helper, so each test gets its own worker. */
function testWorker({ timeoutMs }: { timeoutMs?: number } = {}) {
  const request = workerRequests({
    task: `Test work ${++started}`,
    startWorker: () => new Worker(new URL("./fixtures/test-worker.mjs", import.meta.url)),
    answer: z.object({ value: z.string() }),
    timeoutMs,
  });
  return (behaviour: Behaviour, value = "") => request({ behaviour, value });
}

/** The nice value of one thread of this process, from proc(5): field 19 of its stat line. */
function niceOfThread(threadId: number): number {
  const stat = fs.readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[19 - 3]);
}

describe("request/answer worker threads", () => {
  it("answers requests with plain data checked on arrival", async () => {
    const request = testWorker();
    expect(await Promise.all([request("echo", "one"), request("echo", "two")])).toEqual([{ value: "one" }, { value: "two" }]);
  });

  it("turns a refusal into INVALID_INPUT with the worker's message, and keeps serving", async () => {
    const request = testWorker();
    await expect(request("refuse")).rejects.toMatchObject({ name: "AppError", code: "INVALID_INPUT", message: "That file is not one we read." });
    expect(await request("echo", "after")).toEqual({ value: "after" });
  });

  it("turns an error thrown in the worker into a clear UNAVAILABLE error, without its internals, and keeps serving", async () => {
    const request = testWorker();
    const failure = request("throw");
    await expect(failure).rejects.toMatchObject({ name: "AppError", code: "UNAVAILABLE", status: 503 });
    await expect(failure).rejects.toThrow(/^Test work \d+ failed: an error occurred on the server\. Please try again\.$/);
    expect(await request("echo", "after")).toEqual({ value: "after" });
  });

  it("refuses an answer of the wrong shape", async () => {
    const request = testWorker();
    await expect(request("wrong-shape")).rejects.toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("the server produced something unexpected") });
  });

  it("fails the request of a worker that crashes, and starts a new worker for the next one", async () => {
    const request = testWorker();
    await expect(request("crash")).rejects.toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("the work stopped unexpectedly") });
    expect(await request("echo", "after the crash")).toEqual({ value: "after the crash" });
  });

  it("fails a request that hangs once the timeout passes, stops that worker and serves the next request from a new one", async () => {
    const request = testWorker({ timeoutMs: 1_000 });
    await expect(request("hang")).rejects.toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("it took longer than 1 second") });
    expect(await request("echo", "after the hang")).toEqual({ value: "after the hang" });
  });

  it.runIf(process.platform === "linux")("lowers the worker thread's priority and leaves the main thread's as it was", async () => {
    const mainThreadBefore = os.getPriority();
    // Otherwise the test could not tell the two threads apart.
    expect(mainThreadBefore).toBeLessThan(WORKER_NICE);
    const request = testWorker();
    const worker = JSON.parse((await request("priority")).value) as { fromProc: number; fromNode: number };
    expect(worker).toEqual({ fromProc: WORKER_NICE, fromNode: WORKER_NICE });
    // The main thread's id is the process id; os.getPriority() reads the calling thread.
    expect(niceOfThread(process.pid)).toBe(mainThreadBefore);
    expect(os.getPriority()).toBe(mainThreadBefore);
  });
});
