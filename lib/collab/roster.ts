import type { Redis } from "ioredis";
import { z } from "zod";
import { PARTICIPANTS_HEARTBEAT_SECONDS, presenceUserSchema, type Participant } from "@/lib/collab/protocol";
import { participantsFrom, type PresenceEntry } from "@/lib/collab/presence";

const instanceEntriesSchema = z.object({ at: z.number(), entries: z.array(z.object({ user: presenceUserSchema, canEdit: z.boolean() })) });

/** An instance that stopped refreshing its entries (crashed) drops out of everyone's list after this. */
const STALE_AFTER_MS = PARTICIPANTS_HEARTBEAT_SECONDS * 3 * 1000;
const CHANNEL = "accord:collab:participants";
const keyFor = (documentId: string) => `accord:collab:participants:${documentId}`;

/**
 * Keeps every client's participant list right: the people connected to this instance, plus,
 * with Redis, those connected to other instances. Each instance writes its own entries into a
 * Redis hash per document (refreshed every heartbeat) and announces changes on a channel; peers
 * re-read the hash. Read-only connections are listed too, although they send no awareness.
 */
export class ParticipantRoster {
  private readonly remote = new Map<string, PresenceEntry[]>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      instanceId: string;
      /** The entries for a document's connections on this instance. */
      localEntries: (documentId: string) => PresenceEntry[];
      /** Documents currently open on this instance. */
      openDocumentIds: () => string[];
      /** Sends the merged list to this instance's connections. */
      deliver: (documentId: string, participants: Participant[]) => void;
      redis?: { publisher: Redis; subscriber: Redis };
    },
  ) {}

  async start(): Promise<void> {
    const redis = this.options.redis;
    if (redis) {
      // ioredis reconnects by itself; the outage is reported by lib/collab/redis-sync.ts and /api/health.
      for (const client of [redis.publisher, redis.subscriber]) client.on("error", () => undefined);
      redis.subscriber.on("message", (channel: string, documentId: string) => {
        if (channel !== CHANNEL) return;
        if (!this.options.openDocumentIds().includes(documentId)) return;
        this.refreshRemote(documentId).catch((error: unknown) => console.error("[collab] participants refresh failed", error));
      });
      await redis.subscriber.subscribe(CHANNEL);
    }
    this.heartbeat = setInterval(() => {
      for (const documentId of this.options.openDocumentIds()) {
        this.announce(documentId, { isHeartbeat: true }).catch((error: unknown) => console.error("[collab] participants heartbeat failed", error));
      }
    }, PARTICIPANTS_HEARTBEAT_SECONDS * 1000);
    this.heartbeat.unref();
  }

  /** Someone joined or left on this instance (or the heartbeat ticked): tell peers and local clients. */
  async announce(documentId: string, { isHeartbeat = false } = {}): Promise<void> {
    const redis = this.options.redis;
    // While Redis is down nobody waits on it: the list shows this instance's people until it is back.
    if (redis && redis.publisher.status === "ready") {
      const entries = this.options.localEntries(documentId);
      try {
        if (entries.length) {
          await redis.publisher.hset(keyFor(documentId), this.options.instanceId, JSON.stringify({ at: Date.now(), entries }));
          await redis.publisher.pexpire(keyFor(documentId), STALE_AFTER_MS * 2);
        } else {
          await redis.publisher.hdel(keyFor(documentId), this.options.instanceId);
        }
        if (!isHeartbeat) await redis.publisher.publish(CHANNEL, documentId);
        await this.refreshRemote(documentId, { deliver: false });
      } catch (error) {
        // Without Redis the list still shows everyone on this instance.
        console.error("[collab] could not share participants through Redis", error);
      }
    }
    this.deliver(documentId);
  }

  /** The merged list for a document as this instance currently knows it. */
  participants(documentId: string): Participant[] {
    return participantsFrom([...this.options.localEntries(documentId), ...(this.remote.get(documentId) ?? [])]);
  }

  /** Forgets a document that is no longer open here. */
  forget(documentId: string): void {
    this.remote.delete(documentId);
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    const redis = this.options.redis;
    if (!redis) return;
    await Promise.allSettled(
      this.options.openDocumentIds().map(async (documentId) => {
        await redis.publisher.hdel(keyFor(documentId), this.options.instanceId);
        await redis.publisher.publish(CHANNEL, documentId);
      }),
    );
  }

  private async refreshRemote(documentId: string, { deliver = true } = {}): Promise<void> {
    const redis = this.options.redis;
    if (!redis) return;
    const stored = await redis.publisher.hgetall(keyFor(documentId));
    const freshSince = Date.now() - STALE_AFTER_MS;
    const entries: PresenceEntry[] = [];
    for (const [instanceId, value] of Object.entries(stored)) {
      if (instanceId === this.options.instanceId) continue;
      const parsed = safeParseJson(value, instanceEntriesSchema);
      if (parsed && parsed.at >= freshSince) entries.push(...parsed.entries);
    }
    this.remote.set(documentId, entries);
    if (deliver) this.deliver(documentId);
  }

  private deliver(documentId: string): void {
    this.options.deliver(documentId, this.participants(documentId));
  }
}

function safeParseJson<T>(value: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
