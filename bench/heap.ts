import { once } from "node:events";
import WebSocket from "ws";

/**
 * The V8 heap of a server process the benchmark started, read through the inspector after a full
 * garbage collection: what the process still holds, unlike its resident memory, which Node rarely
 * gives back to the system and which therefore says more about when V8 last collected.
 */

/** The option (for NODE_OPTIONS) that opens the inspector of a process on a port of the benchmark's choosing. */
export function inspectorOption(port: number): string {
  return `--inspect=127.0.0.1:${port}`;
}

/** Collects garbage in the process listening on the inspector port, then returns its heap in use, in MB. */
export async function heapAfterCollection(inspectorPort: number): Promise<number> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await once(socket, "open");
  let lastId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result ?? {});
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call("HeapProfiler.collectGarbage");
    const { usedSize } = await call("Runtime.getHeapUsage");
    return Number(usedSize) / 1024 / 1024;
  } finally {
    socket.close();
  }
}
