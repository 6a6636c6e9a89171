import * as decoding from "lib0/decoding";
import { MessageType } from "@hocuspocus/server";
import { CLOSE_CODES, CLOSE_REASONS } from "@/lib/collab/protocol";

/** Longest message address accepted: a document id, optionally followed by NUL and a provider session id. */
const MAX_ADDRESS_LENGTH = 200;
const MAX_AWARENESS_STATES_PER_MESSAGE = 64;

export type FrameVerdict =
  | { isAccepted: true; documentName: string; type: MessageType }
  | { isAccepted: false; code: number; reason: string; detail: string };

/**
 * Checks the envelope of a binary frame before Hocuspocus sees it, so a malformed or forbidden
 * message closes that socket (with a clear code) instead of surfacing as a parsing error deep in
 * the library. Yjs update payloads are validated later, before they are stored.
 */
export function inspectFrame(data: Uint8Array): FrameVerdict {
  const decoder = decoding.createDecoder(data);
  try {
    const address = decoding.readVarString(decoder);
    if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) return malformed("bad message address");
    const separator = address.indexOf("\0");
    const documentName = separator === -1 ? address : address.slice(0, separator);
    const type = decoding.readVarUint(decoder) as MessageType;
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType > 2) return malformed(`unknown sync message ${syncType}`);
        decoding.readVarUint8Array(decoder);
        break;
      }
      case MessageType.Awareness: {
        const awareness = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const count = decoding.readVarUint(awareness);
        if (count > MAX_AWARENESS_STATES_PER_MESSAGE) return malformed("too many awareness states");
        for (let index = 0; index < count; index += 1) {
          decoding.readVarUint(awareness);
          decoding.readVarUint(awareness);
          JSON.parse(decoding.readVarString(awareness));
        }
        break;
      }
      case MessageType.Auth:
        decoding.readVarUint(decoder);
        decoding.readVarString(decoder);
        break;
      case MessageType.Stateless:
        decoding.readVarString(decoder);
        break;
      case MessageType.QueryAwareness:
      case MessageType.CLOSE:
        break;
      case MessageType.BroadcastStateless:
        // Server-internal (instances relay it through Redis); a client sending it is probing.
        return { isAccepted: false, code: CLOSE_CODES.policyViolation, reason: CLOSE_REASONS.policyViolation, detail: "broadcast-stateless from a client" };
      default:
        return malformed(`unknown message type ${type}`);
    }
    return { isAccepted: true, documentName, type };
  } catch (error) {
    return malformed(error instanceof Error ? error.message : "undecodable");
  }
}

function malformed(detail: string): FrameVerdict {
  return { isAccepted: false, code: CLOSE_CODES.malformedMessage, reason: CLOSE_REASONS.malformedMessage, detail };
}
