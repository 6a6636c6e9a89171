import os from "node:os";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { closeClient, connectProvider, waitFor } from "@/lib/testing/collaboration";

/**
 * The editors of a scenario who only move their carets, in a process of their own (started by
 * bench/collaboration.ts with IPC), so that hundreds of clients decoding each other's carets do
 * not share one event loop with the typists and the observer whose timings are measured. On the
 * real network each of them is a browser on another machine, so this process runs at a lower
 * priority than the server and the measuring process (its main thread at nice 10): on two cores
 * it would otherwise take a whole core from them. When it falls behind, it moves fewer carets;
 * the rate it reached is reported, and printed beside the figures.
 */
export type CrowdRequest = { kind: "accord" | "relay"; url: string; documentId: string; count: number; cookies: string[]; caretIntervalMs: number };
export type CrowdMessage = { type: "ready" } | { type: "failed"; error: string } | { type: "stopped"; caretsPerClientPerSecond: number };

const CROWD_NICE = 10;

type CrowdClient = { awareness: Awareness; isSynced: () => boolean; destroy: () => void };

function connect(request: CrowdRequest, index: number): CrowdClient {
  if (request.kind === "accord") {
    const provider = connectProvider({ url: request.url, documentId: request.documentId, cookie: request.cookies[index % request.cookies.length] });
    return { awareness: provider.awareness!, isSynced: () => provider.isSynced, destroy: () => closeClient(provider) };
  }
  const provider = new WebsocketProvider(request.url, request.documentId, new Y.Doc(), { WebSocketPolyfill: WebSocket as never, disableBc: true });
  return { awareness: provider.awareness, isSynced: () => provider.synced, destroy: () => provider.destroy() };
}

const timers: NodeJS.Timeout[] = [];
let clients: CrowdClient[] = [];
let caretMoves = 0;
let movingSince = 0;

os.setPriority(CROWD_NICE);

process.on("message", (message: CrowdRequest | { type: "stop" }) => {
  if ("type" in message) {
    for (const timer of timers) clearTimeout(timer);
    const seconds = (performance.now() - movingSince) / 1000;
    for (const client of clients) client.destroy();
    process.send!({ type: "stopped", caretsPerClientPerSecond: caretMoves / clients.length / seconds } satisfies CrowdMessage, () => process.exit(0));
    return;
  }
  void start(message);
});

async function start(request: CrowdRequest): Promise<void> {
  // y-websocket's provider registers a process "exit" listener per client.
  process.setMaxListeners(request.count + 50);
  try {
    clients = Array.from({ length: request.count }, (_, index) => connect(request, index));
    await waitFor(() => clients.every((client) => client.isSynced()), { timeoutMs: 120_000, message: `${request.count} crowd clients to sync` });
    movingSince = performance.now();
    for (const client of clients) {
      const moveCaret = () => {
        caretMoves += 1;
        client.awareness.setLocalStateField("cursor", { anchor: Math.floor(Math.random() * 1_000), head: Math.floor(Math.random() * 1_000) });
        timers.push(setTimeout(moveCaret, request.caretIntervalMs));
      };
      timers.push(setTimeout(moveCaret, Math.random() * request.caretIntervalMs));
    }
    process.send!({ type: "ready" } satisfies CrowdMessage);
  } catch (error) {
    process.send!({ type: "failed", error: String(error) } satisfies CrowdMessage);
  }
}
