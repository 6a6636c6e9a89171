import type { HocuspocusProvider } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";

/** Hocuspocus' Sync message type and y-protocols' "update" sync step, as on the wire. */
const SYNC_MESSAGE = 0;
const SYNC_UPDATE = 2;

/**
 * Keeps the provider's unsynced-changes counter honest across reconnections (browser-safe).
 *
 * While the socket is down the provider queues every update message. When a socket opens it resets
 * its counter to 1 for the sync handshake, then also sends the queued updates; their
 * acknowledgements bring the counter to zero before the handshake's own sync step 2 (which already
 * carries every offline change) is stored, so "Saved" would show too early. Dropping the queued
 * updates when the socket opens loses nothing and leaves exactly one acknowledgement per counted
 * message. Returns a function that stops it.
 */
export function keepSaveStateHonest(provider: HocuspocusProvider): () => void {
  const handleOpen = () => {
    // The queue is internal to the websocket provider; it holds encoded frames.
    const websocket = provider.configuration.websocketProvider as unknown as { messageQueue?: unknown[] };
    if (!Array.isArray(websocket.messageQueue)) return;
    websocket.messageQueue = websocket.messageQueue.filter((message) => !isUpdateFor(message, provider.effectiveName));
  };
  provider.on("open", handleOpen);
  return () => provider.off("open", handleOpen);
}

function isUpdateFor(message: unknown, address: string): boolean {
  if (!(message instanceof Uint8Array)) return false;
  try {
    const decoder = decoding.createDecoder(message);
    return decoding.readVarString(decoder) === address && decoding.readVarUint(decoder) === SYNC_MESSAGE && decoding.readVarUint(decoder) === SYNC_UPDATE;
  } catch {
    return false;
  }
}
