import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { z } from "zod";
import { env } from "@/lib/env";
import { redisClient } from "@/lib/redis";
import { documentEventSchema, type DocumentEvent } from "@/lib/realtime/document-event";

export type DocumentEventListener = (event: DocumentEvent) => void;

const CHANNEL = "accord:document-events";
const envelopeSchema = z.object({ origin: z.string(), event: documentEventSchema });

type Bus = { emitter: EventEmitter; instanceId: string; subscriber?: Redis };

// One bus per process, kept on globalThis because Next.js may load this module once per route bundle.
const globalForBus = globalThis as unknown as { accordDocumentEvents?: Bus };

function bus(): Bus {
  if (!globalForBus.accordDocumentEvents) {
    const emitter = new EventEmitter();
    // Every open event stream is one listener; their number is bounded by open tabs, not by a leak.
    emitter.setMaxListeners(0);
    globalForBus.accordDocumentEvents = { emitter, instanceId: crypto.randomUUID() };
  }
  return globalForBus.accordDocumentEvents;
}

/** With REDIS_URL, listens once per process for events other instances publish. */
function ensureRedisSubscription(current: Bus): void {
  if (current.subscriber || !env().REDIS_URL) return;
  // A connection in subscriber mode can do nothing else, so it is a duplicate of the shared one.
  const subscriber = redisClient().duplicate();
  current.subscriber = subscriber;
  subscriber.on("message", (_channel: string, message: string) => {
    let parsed: z.infer<typeof envelopeSchema>;
    try {
      parsed = envelopeSchema.parse(JSON.parse(message));
    } catch {
      console.warn("Ignored a malformed document event from Redis");
      return;
    }
    // This instance already delivered its own events locally.
    if (parsed.origin !== current.instanceId) current.emitter.emit(parsed.event.documentId, parsed.event);
  });
  // ioredis reconnects (and re-subscribes) by itself: one line per outage, not one per attempt.
  let isDown = false;
  subscriber.on("error", (error: Error) => {
    if (!isDown) console.warn(`Document events: Redis subscriber error, reconnecting: ${error.message}`);
    isDown = true;
  });
  subscriber.on("ready", () => (isDown = false));
  subscriber.subscribe(CHANNEL).catch((error: Error) => console.warn(`Document events: could not subscribe: ${error.message}`));
}

/**
 * Tells everyone watching the document, on this instance at once and on other instances through
 * Redis. Called after the change is committed; a lost notification costs freshness, never data.
 */
export function publishDocumentEvent(event: DocumentEvent): void {
  const current = bus();
  current.emitter.emit(event.documentId, event);
  if (!env().REDIS_URL) return;
  redisClient()
    .publish(CHANNEL, JSON.stringify({ origin: current.instanceId, event }))
    .catch((error: Error) => console.warn(`Document events: could not publish through Redis: ${error.message}`));
}

/** Calls the listener for each event of the document until the returned function is called. */
export function subscribeToDocumentEvents(documentId: string, listener: DocumentEventListener): () => void {
  const current = bus();
  ensureRedisSubscription(current);
  current.emitter.on(documentId, listener);
  return () => {
    current.emitter.off(documentId, listener);
  };
}
