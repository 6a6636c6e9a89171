import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { waitFor } from "@/lib/testing/collaboration";
import { WORKER_NICE, workerRequests } from "@/lib/workers/worker-requests";

type Behaviour = "echo" | "wrong-shape" | "refuse" | "throw" | "crash" | "hang" | "threads" | "collect";

let started = 0;
/** A fresh task name per helper, so each test gets its own worker. */
function testWorker({ timeoutMs, idleMs }: { timeoutMs?: number; idleMs?: number } = {}) {
  const task = `Test work ${++started}`;
  const request = workerRequests({ task, script: "lib/workers/fixtures/test-worker.mjs", answer: z.object({ value: z.string() }), timeoutMs, idleMs });
  return Object.assign((behaviour: Behaviour, value = "") => request({ behaviour, value }), {
    /** The worker's process id and the nice value of each of its threads. */
    threads: async () => JSON.parse((await request({ behaviour: "threads" })).value) as { pid: number; nice: number[] },
    /** The worker process serving the task now, if any. */
    running: () => (globalThis as unknown as { accordWorkers?: Map<string, { worker: ChildProcess }> }).accordWorkers?.get(task)?.worker,
  });
}

/** The nice value of each thread of this process, from proc(5): field 19 of each stat line. */
function niceOfThreads(): Map<number, number> {
  return new Map(
    fs.readdirSync("/proc/self/task").flatMap((threadId) => {
      try {
        const stat = fs.readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
        return [[Number(threadId), Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[19 - 3])] as const];
      } catch {
        return []; // The thread ended between listing and reading.
      }
    }),
  );
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("request/answer worker processes", () => {
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

  it.runIf(process.platform === "linux")("runs every thread of the worker at the lowest priority and leaves this process's threads as they were", async () => {
    const before = niceOfThreads();
    // Otherwise the test could not tell the two processes apart.
    expect(Math.max(...before.values())).toBeLessThan(WORKER_NICE);
    const request = testWorker();
    const worker = await request.threads();
    expect(worker.pid).not.toBe(process.pid);
    // V8's helper threads (garbage collection) and libuv's among them: a niced thread alone left those at normal priority.
    expect(worker.nice.length).toBeGreaterThan(3);
    expect(new Set(worker.nice)).toEqual(new Set([WORKER_NICE]));
    for (const [threadId, nice] of niceOfThreads()) if (before.has(threadId)) expect(nice).toBe(before.get(threadId));
    expect(os.getPriority()).toBe(before.get(process.pid));
  });

  it.runIf(process.platform === "linux")("does all its work, garbage collection included, on one thread", async () => {
    const request = testWorker();
    const { mainTicks, otherTicks } = JSON.parse((await request("collect")).value) as { mainTicks: number; otherTicks: number };
    // The collection took a good part of a second of the worker's one thread; V8's helper threads
    // did none of it (they would take the other cores from the server while the worker collects).
    expect(mainTicks).toBeGreaterThan(20);
    expect(otherTicks).toBe(0);
  });

  it("serves request after request from one worker, which exits once idle; the next request starts another", async () => {
    const request = testWorker({ idleMs: 500 });
    const { pid } = await request.threads();
    expect(await request("echo", "again")).toEqual({ value: "again" });
    expect((await request.threads()).pid).toBe(pid);
    const worker = request.running()!;
    expect(worker.pid).toBe(pid);
    await once(worker, "exit");
    expect(isRunning(pid)).toBe(false);
    const next = await request.threads();
    expect(next.pid).not.toBe(pid);
    expect(await request("echo", "after idling")).toEqual({ value: "after idling" });
  });

  it("ends the worker when the server that started it is killed, even with a timer running in it", async () => {
    const server = spawn(process.execPath, ["--import", "tsx", "lib/workers/fixtures/server-with-worker.ts", "linger"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      // The server printing its worker's id, or failing to start.
      const [line] = (await Promise.race([once(server.stdout!, "data"), once(server, "exit").then(() => [Buffer.from("the server exited")])])) as [Buffer];
      const workerPid = Number(line.toString().trim());
      expect(isRunning(workerPid)).toBe(true);
      server.kill("SIGKILL");
      await waitFor(() => !isRunning(workerPid), { message: "the orphaned worker to exit" });
    } finally {
      server.kill("SIGKILL");
    }
  });

  it("ends a worker quietly when its answer finds the server gone", async () => {
    const server = spawn(process.execPath, ["--import", "tsx", "lib/workers/fixtures/server-with-worker.ts", "outlive-server"], { stdio: ["ignore", "pipe", "pipe"] });
    // The worker shares the server's output: both streams end once the server and the worker have exited.
    let errors = "";
    server.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const ended = Promise.all([once(server.stdout!, "close"), once(server.stderr!, "close")]);
    try {
      const [line] = (await Promise.race([once(server.stdout!, "data"), once(server, "exit").then(() => [Buffer.from("the server exited")])])) as [Buffer];
      expect(line.toString()).toContain("working");
      server.kill("SIGKILL");
      await ended;
    } finally {
      server.kill("SIGKILL");
    }
    expect(errors).toBe("");
  });
});
