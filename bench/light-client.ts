import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { authenticationFrame, emptySyncStep1Frame } from "@/lib/testing/collaboration";

/**
 * The benchmark's light clients (bench/caret-crowd.ts, bench/watcher.ts): a socket speaking the
 * protocol frame by frame, with no provider and no replica of the text, to Accord or to the relay.
 */
export type LightClientTarget = { kind: "accord" | "relay"; url: string; documentId: string; cookie: string };

/** y-websocket's message types (the relay's protocol has no document name before them). */
export const RELAY_SYNC = 0;
export const RELAY_AWARENESS = 1;

/** Opens the socket and, once open, asks for the whole document as a provider does (authenticating first, on Accord). */
export function openLightSocket({ kind, url, documentId, cookie }: LightClientTarget): WebSocket {
  const socket = kind === "accord" ? new WebSocket(url, { headers: { cookie } }) : new WebSocket(`${url}/${documentId}`);
  socket.on("open", () => {
    if (kind === "accord") {
      socket.send(authenticationFrame(documentId));
      socket.send(emptySyncStep1Frame(documentId));
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, RELAY_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    socket.send(encoding.toUint8Array(encoder));
  });
  return socket;
}

/** Milliseconds on the monotonic clock every process on the machine shares (`process.hrtime`), for times compared across processes. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
