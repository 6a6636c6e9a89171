import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { z } from "zod";
import { env } from "@/lib/env";
import { redisClient } from "@/lib/redis";

/**
 * Changes of who may do what, published after they are committed so that every instance's
 * collaboration server re-checks the affected open sockets at once instead of at its periodic
 * re-check. Events carry ids only; a listener reads the current state from the database.
 * - `user`: an account deactivated, or its role or economy changed;
 * - `session`: one session signed out;
 * - `document`: a document's state changed for everyone in it (minutes approved).
 */
export const accessChangeSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("user"), userId: z.string().min(1) }),
  z.object({ scope: z.literal("session"), sessionId: z.string().min(1) }),
  z.object({ scope: z.literal("document"), documentId: z.string().min(1) }),
]);
export type AccessChange = z.infer<typeof accessChangeSchema>;
export type AccessChangeListener = (change: AccessChange) => void;

/** The Redis channel; the collaboration server subscribes to it with its own connection. */
export const ACCESS_CHANGES_CHANNEL = "accord:access-changes";
const envelopeSchema = z.object({ origin: z.string(), change: accessChangeSchema });

type Bus = { emitter: EventEmitter; instanceId: string };

// One bus per process, kept on globalThis because Next.js may load this module once per route bundle.
const globalForBus = globalThis as unknown as { accordAccessChanges?: Bus };

function bus(): Bus {
  if (!globalForBus.accordAccessChanges) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForBus.accordAccessChanges = { emitter, instanceId: crypto.randomUUID() };
  }
  return globalForBus.accordAccessChanges;
}

/**
 * Tells this process's listeners synchronously (so a collaboration server in this process acts
 * before the calling verb returns) and other instances through Redis when REDIS_URL is set.
 * Call it after the change is committed. A lost message only delays the change to the periodic
 * re-check.
 */
export function publishAccessChange(change: AccessChange): void {
  const current = bus();
  current.emitter.emit("change", change);
  if (!env().REDIS_URL) return;
  redisClient()
    .publish(ACCESS_CHANGES_CHANNEL, JSON.stringify({ origin: current.instanceId, change }))
    .catch((error: Error) => console.warn(`Access changes: could not publish through Redis: ${error.message}`));
}

/** Calls the listener for every change published in this process, until the returned function is called. */
export function subscribeToLocalAccessChanges(listener: AccessChangeListener): () => void {
  const current = bus();
  current.emitter.on("change", listener);
  return () => {
    current.emitter.off("change", listener);
  };
}

/** A change published by another process, from a Redis message; null for this process's own (already delivered) or a malformed one. */
export function parseRemoteAccessChange(message: string): AccessChange | null {
  try {
    const parsed = envelopeSchema.parse(JSON.parse(message));
    return parsed.origin === bus().instanceId ? null : parsed.change;
  } catch {
    return null;
  }
}
