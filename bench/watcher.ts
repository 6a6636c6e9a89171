import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "@hocuspocus/server";
import { monotonicMs, openLightSocket, RELAY_SYNC, type LightClientTarget } from "./light-client";

/**
 * One more person watching the typists, in a process of their own (started by
 * bench/collaboration.ts with IPC). On the real network they are a browser on another machine. The
 * observer inside the measuring process shares its event loop with every typist, so an edit
 * reaches it only after the other clients there have decoded it: at 10 typing that queue is a third
 * of the figure, and at 100 it is nearly all of the relay's. This watcher notes, for each character
 * (by its Yjs id), when the frame carrying it arrived, on the monotonic clock every process on
 * the machine shares (`process.hrtime`), and sends the times back when asked. It keeps no replica,
 * so it measures the server and the network and nothing of a client's own decoding.
 */
export type WatcherRequest = LightClientTarget;
export type WatcherMessage = { type: "ready" } | { type: "failed"; error: string } | { type: "arrivals"; arrivals: Record<string, number> };

function start(request: WatcherRequest): void {
  const isAccord = request.kind === "accord";
  const socket = openLightSocket(request);
  const arrivals: Record<string, number> = {};
  let isSynced = false;
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
