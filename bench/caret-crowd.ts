import os from "node:os";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { MessageType } from "@hocuspocus/server";
import { AUTH_AUTHENTICATED, awarenessFrame, awarenessUpdate, waitFor } from "@/lib/testing/collaboration";
import { openLightSocket, RELAY_AWARENESS, RELAY_SYNC } from "./light-client";

/**
 * The editors of a scenario who only move their carets, in a process of their own (started by
 * bench/collaboration.ts with IPC). On the real network each of them is a browser on another
 * machine, decoding what it receives on its own processor; here they share two cores with the
 * server and the measuring process. So each is a light client speaking the protocol frame by
 * frame: it authenticates (Accord) and syncs like a provider, then sends a caret twice a second
 * and only counts what arrives, without a replica of the text or of everyone's carets. The
 * server's work per connection is the same as for a browser; the crowd's own is not charged to
 * the cores being measured. The process still runs at a lower priority (nice 10); when it falls
 * behind it moves fewer carets, and the rate it reached is reported and printed beside the figures.
 */
export type CrowdRequest = { kind: "accord" | "relay"; url: string; documentId: string; count: number; cookies: string[]; caretIntervalMs: number };
/** What each crowd editor did a second: carets moved, and what it received (the server's fan-out to it). */
export type CrowdRates = { caretsMoved: number; kilobytesReceived: number };
export type CrowdMessage = { type: "ready" } | { type: "failed"; error: string } | { type: "stopped"; perClientPerSecond: CrowdRates };

const CROWD_NICE = 10;

type CrowdClient = { isSynced: () => boolean; moveCaret: () => void; destroy: () => void };

/** Reads a frame's message type and, for sync messages, the sync step; nothing more is decoded. */
function messageKind(data: Buffer, hasDocumentName: boolean): { type: number; step?: number; authType?: number } {
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (hasDocumentName) decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const next = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : undefined;
  return type === MessageType.Auth ? { type, authType: next } : { type, step: next };
}

function connect(request: CrowdRequest, index: number): CrowdClient {
  const isAccord = request.kind === "accord";
  const socket = openLightSocket({ kind: request.kind, url: request.url, documentId: request.documentId, cookie: request.cookies[index % request.cookies.length] ?? "" });
  const clientId = Math.floor(Math.random() * 2 ** 31);
  let clock = 0;
  let isSynced = false;
  const name = request.documentId;
  socket.on("message", (data: Buffer) => {
    if (isSynced) {
      bytesReceivedWhileMoving += data.length;
      return;
    }
    const kind = messageKind(data, isAccord);
    if (kind.type === MessageType.Auth && kind.authType !== AUTH_AUTHENTICATED) socket.emit("error", new Error(`crowd client refused (auth type ${kind.authType})`));
    if (kind.type === (isAccord ? MessageType.Sync : RELAY_SYNC) && kind.step === syncProtocol.messageYjsSyncStep2) isSynced = true;
  });
  socket.on("error", (error) => process.send!({ type: "failed", error: String(error) } satisfies CrowdMessage));
  const caret = () => ({ cursor: { anchor: Math.floor(Math.random() * 1_000), head: Math.floor(Math.random() * 1_000) } });
  return {
    isSynced: () => isSynced,
    moveCaret: () => {
      clock += 1;
      if (isAccord) {
        socket.send(awarenessFrame(name, clientId, caret(), clock));
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, RELAY_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessUpdate(clientId, caret(), clock));
      socket.send(encoding.toUint8Array(encoder));
    },
    destroy: () => socket.terminate(),
  };
}

/** Each client's next caret move. */
const timers: NodeJS.Timeout[] = [];
let clients: CrowdClient[] = [];
let caretMoves = 0;
/** Counted from each client's sync on; the carets start moving right after everyone has synced. */
let bytesReceivedWhileMoving = 0;
let movingSince = 0;

os.setPriority(CROWD_NICE);

process.on("message", (message: CrowdRequest | { type: "stop" }) => {
  if ("type" in message) {
    for (const timer of timers) clearTimeout(timer);
    const seconds = (performance.now() - movingSince) / 1000;
    for (const client of clients) client.destroy();
    const perClientPerSecond = { caretsMoved: caretMoves / clients.length / seconds, kilobytesReceived: bytesReceivedWhileMoving / 1024 / clients.length / seconds };
    process.send!({ type: "stopped", perClientPerSecond } satisfies CrowdMessage, () => process.exit(0));
    return;
  }
  void start(message);
});

async function start(request: CrowdRequest): Promise<void> {
  try {
    clients = Array.from({ length: request.count }, (_, index) => connect(request, index));
    await waitFor(() => clients.every((client) => client.isSynced()), { timeoutMs: 120_000, message: `${request.count} crowd clients to sync` });
    movingSince = performance.now();
    bytesReceivedWhileMoving = 0;
    clients.forEach((client, index) => {
      const moveCaret = () => {
        caretMoves += 1;
        client.moveCaret();
        timers[index] = setTimeout(moveCaret, request.caretIntervalMs);
      };
      timers[index] = setTimeout(moveCaret, Math.random() * request.caretIntervalMs);
    });
    process.send!({ type: "ready" } satisfies CrowdMessage);
  } catch (error) {
    process.send!({ type: "failed", error: String(error) } satisfies CrowdMessage);
  }
}
