import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_TEST_URL, isRedisAvailable } from "@/lib/testing/collaboration";
import type { DocumentEvent } from "@/lib/realtime/document-event";
import { publishDocumentEvent, subscribeToDocumentEvents } from "@/lib/realtime/document-events";

// Read by lib/env.ts on first use, which is after this line.
process.env.REDIS_URL = REDIS_TEST_URL;

const CHANNEL = "accord:document-events";
const hasRedis = await isRedisAvailable();
let otherInstance: Redis;

beforeAll(() => {
  if (hasRedis) otherInstance = new Redis(REDIS_TEST_URL);
});
afterAll(() => {
  otherInstance?.disconnect();
  // The bus's own connections would keep the worker alive.
  const state = globalThis as unknown as { accordRedis?: Redis; accordDocumentEvents?: { subscriber?: Redis } };
  state.accordDocumentEvents?.subscriber?.disconnect();
  state.accordRedis?.disconnect();
});

const eventually = async (check: () => void) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return check();
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

describe.skipIf(!hasRedis)("document events across instances (Redis)", () => {
  it("publishes to other instances and delivers theirs here, each event once", async () => {
    const documentId = `redis-${Date.now()}`;
    const received: DocumentEvent[] = [];
    const unsubscribe = subscribeToDocumentEvents(documentId, (event) => received.push(event));

    const seenByOtherInstance: unknown[] = [];
    const listener = otherInstance.duplicate();
    listener.on("message", (_channel, message: string) => seenByOtherInstance.push(message));
    await listener.subscribe(CHANNEL);
    // Wait until this instance's own subscription is established too.
    const subscribers = async () => Number(((await otherInstance.pubsub("NUMSUB", CHANNEL)) as [string, number])[1]);
    for (let attempt = 0; (await subscribers()) < 2 && attempt < 50; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));

    const local: DocumentEvent = { type: "thread.created", documentId, threadId: "from-here" };
    publishDocumentEvent(local);
    await eventually(() => expect(seenByOtherInstance.map((message) => JSON.parse(String(message)))).toEqual([{ origin: expect.any(String), event: local }]));

    const remote: DocumentEvent = { type: "comment.created", documentId, threadId: "from-there" };
    await otherInstance.publish(CHANNEL, JSON.stringify({ origin: "another-instance", event: remote }));
    await otherInstance.publish(CHANNEL, "not json");
    await otherInstance.publish(CHANNEL, JSON.stringify({ origin: "another-instance", event: { type: "drop.tables", documentId } }));
    // Last, a valid event: Redis delivers one channel's messages in order, so once it is here, our own
    // event's echo and the two malformed messages before it have been read too, and none was delivered.
    const last: DocumentEvent = { type: "comment.created", documentId, threadId: "last" };
    await otherInstance.publish(CHANNEL, JSON.stringify({ origin: "another-instance", event: last }));
    await eventually(() => expect(received).toContainEqual(last));
    expect(received).toEqual([local, remote, last]);
    unsubscribe();
    listener.disconnect();
  });
});
