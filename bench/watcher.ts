import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "@hocuspocus/server";
import { authenticationFrame, emptySyncStep1Frame } from "@/lib/testing/collaboration";

/**
 * One more person watching the typists, in a process of their own (started by
 * bench/collaboration.ts with IPC). On the real network they are a browser on another machine. The
 * observer inside the measuring process shares its event loop with every typist, so an edit
 * reaches it only after the other clients there have decoded it: at 10 typing that queue is half
 * of the figure, and at 100 it is nearly all of the relay's. This watcher notes, for each character
 * (by its Yjs id), when the frame carrying it arrived, on the monotonic clock every process on
 * the machine shares (`process.hrtime`), and sends the times back when asked. It keeps no replica,
 * so it measures the server and the network and nothing of a client's own decoding.
 */
export type WatcherRequest = { kind: "accord" | "relay"; url: string; documentId: string; cookie: string };
export type WatcherMessage = { type: "ready" } | { type: "failed"; error: string } | { type: "arrivals"; arrivals: Record<string, number> };

/** y-websocket's sync message type (the relay's protocol has no document name before it). */
const RELAY_SYNC = 0;

export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function start(request: WatcherRequest): void {
  const isAccord = request.kind === "accord";
  const socket = isAccord ? new WebSocket(request.url, { headers: { cookie: request.cookie } }) : new WebSocket(`${request.url}/${request.documentId}`);
  const arrivals: Record<string, number> = {};
  let isSynced = false;
  socket.on("open", () => {
    if (isAccord) {
      socket.send(authenticationFrame(request.documentId));
      socket.send(emptySyncStep1Frame(request.documentId));
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, RELAY_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    socket.send(encoding.toUint8Array(encoder));
  });
  socket.on("message", (data: Buffer) => {
    const arrivedAt = monotonicMs();
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (isAccord) decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== (isAccord ? MessageType.Sync : RELAY_SYNC)) return;
    const step = decoding.readVarUint(decoder);
    if (!isSynced) {
      if (step !== syncProtocol.messageYjsSyncStep2) return;
      isSynced = true;
      process.send!({ type: "ready" } satisfies WatcherMessage);
      return;
    }
    if (step !== syncProtocol.messageYjsUpdate && step !== syncProtocol.messageYjsSyncStep2) return;
    for (const struct of Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs) {
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock += 1) arrivals[`${struct.id.client}:${clock}`] ??= arrivedAt;
    }
  });
  socket.on("error", (error) => process.send!({ type: "failed", error: String(error) } satisfies WatcherMessage));
  process.on("message", (message: { type: "report" }) => {
    if (message.type !== "report") return;
    socket.terminate();
    process.send!({ type: "arrivals", arrivals } satisfies WatcherMessage, () => process.exit(0));
  });
}

process.once("message", (request: WatcherRequest) => start(request));
