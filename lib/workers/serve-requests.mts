// The worker's side of lib/workers/worker-requests.ts: runs in a worker process the server started,
// with nothing but Node's own modules.

/**
 * Answers each request from the server with the handler's result, or with the error it threw: as a
 * refusal (the input's fault, its message meant for the person) when `isRefusal` says so, otherwise
 * as a failure. Answers go as structured clones (Dates, Uint8Arrays and Maps arrive as they were).
 * The worker exits when its server disconnects: the server stopped, was killed, or let an idle
 * worker go.
 */
export function serveRequests(handle: (request: Record<string, unknown>) => Promise<unknown>, { isRefusal = () => false }: { isRefusal?: (error: unknown) => boolean } = {}) {
  if (!process.send) throw new Error("serveRequests runs only in a worker process started by workerRequests.");
  // An answer that can no longer be sent means the server is gone (it stopped or was killed while
  // this worked): nothing is waiting for it, so end quietly rather than crash with the pipe's error.
  const send = (message: unknown) => process.send!(message, undefined, undefined, (error: Error | null) => error && process.exit(0));
  process.on("message", async ({ id, ...request }: { id: number } & Record<string, unknown>) => {
    try {
      send({ id, answer: await handle(request) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(isRefusal(error) ? { id, refusal: message } : { id, error: message });
    }
  });
  process.on("disconnect", () => process.exit(0));
}
