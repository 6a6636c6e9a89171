import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { z } from "zod";
import { env } from "@/lib/env";
import { redisClient } from "@/lib/redis";

/**
 * Updates to a live document that a lib verb (not a websocket) stored in the DocumentUpdate log,
 * such as a text replaced from a Word file. Published after the commit so that every instance's
 * collaboration server applies the update to its open copy of the document and the people
 * connected see it at once; the log already holds it, so a lost message only delays it until the
 * instance next folds the log into the open document (compaction) or the editor reloads.
 */
export type StoredUpdate = { documentId: string; update: Uint8Array };
export type StoredUpdateListener = (stored: StoredUpdate) => void;

/** The Redis channel; the collaboration server subscribes to it with its own connection. */
export const STORED_UPDATES_CHANNEL = "accord:stored-updates";
const envelopeSchema = z.object({ origin: z.string(), documentId: z.string().min(1).max(64), update: z.base64() });

type Bus = { emitter: EventEmitter; instanceId: string };

// One bus per process, kept on globalThis because Next.js may load this module once per route bundle.
const globalForBus = globalThis as unknown as { accordStoredUpdates?: Bus };

function bus(): Bus {
  globalForBus.accordStoredUpdates ??= { emitter: new EventEmitter(), instanceId: crypto.randomUUID() };
  return globalForBus.accordStoredUpdates;
}

/**
 * Tells this process's collaboration server synchronously, and other instances through Redis when
 * REDIS_URL is set. Call it once the update is committed to the log.
 */
export function publishStoredUpdate(stored: StoredUpdate): void {
  const current = bus();
  current.emitter.emit("update", stored);
  if (!env().REDIS_URL) return;
  const message = JSON.stringify({ origin: current.instanceId, documentId: stored.documentId, update: Buffer.from(stored.update).toString("base64") });
  redisClient()
    .publish(STORED_UPDATES_CHANNEL, message)
    .catch((error: Error) => console.warn(`Stored updates: could not publish through Redis: ${error.message}`));
}

/** Calls the listener for every update published in this process, until the returned function is called. */
export function subscribeToLocalStoredUpdates(listener: StoredUpdateListener): () => void {
  const current = bus();
  current.emitter.on("update", listener);
  return () => {
    current.emitter.off("update", listener);
  };
}

/** An update published by another process, from a Redis message; null for this process's own (already delivered) or a malformed one. */
export function parseRemoteStoredUpdate(message: string): StoredUpdate | null {
  try {
    const parsed = envelopeSchema.parse(JSON.parse(message));
    return parsed.origin === bus().instanceId ? null : { documentId: parsed.documentId, update: new Uint8Array(Buffer.from(parsed.update, "base64")) };
  } catch {
    return null;
  }
}
