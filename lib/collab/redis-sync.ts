import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import { OutgoingMessage, type Document, type Extension, type afterLoadDocumentPayload, type onAwarenessUpdatePayload, type onChangePayload, type onStoreDocumentPayload } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import { liveUpdatesPayload } from "@/lib/collab/live-updates";
import { whenDocumentDurable } from "@/lib/collab/persistence";

/** connecting: not yet connected since start; connected; disconnected: lost, reconnecting by itself. */
export type RedisSyncState = "connecting" | "connected" | "disconnected";

const PREFIX = "accord:collab:sync";
/** Hocuspocus' message type for sync messages (MessageType.Sync). */
const HOCUSPOCUS_SYNC = 0;
/** The longest a document's load waits for Redis before it goes ahead from the database alone. */
const LOAD_DEADLINE_MS = 2_000;

type RedisSyncLog = (event: "redis-unavailable" | "redis-restored" | "redis-resync-failed", details: Record<string, unknown>) => void;

/**
 * The Hocuspocus Redis extension, made to degrade and recover by itself:
 * - while Redis is down, documents still load (from the database) and edits are still stored and
 *   shown to people on this instance; nothing waits on Redis (the stock extension would block a
 *   document's load on its subscription, and its store lock on Redis);
 * - when Redis is back, every open document publishes its state vector, and peers answer with
 *   what this instance misses and ask for what they miss (Hocuspocus answers a SyncStep1 with a
 *   SyncStep2 and its own SyncStep1), so instances converge without waiting for a new edit.
 */
export class ResilientRedisSync extends RedisExtension {
  private state: RedisSyncState = "connecting";
  private readonly stateListeners = new Set<(state: RedisSyncState) => void>();
  private readonly pendingLoads = new Set<Promise<unknown>>();
  private resynchronizing: Promise<void> | null = null;
  private isDestroyed = false;

  constructor({ redisUrl, identifier, log }: { redisUrl: string; identifier: string; log: RedisSyncLog }) {
    super({ ...redisConnectionOptions(redisUrl), prefix: PREFIX, identifier });
    this.publishContentOnlyOnceDurable();
    for (const client of [this.pub, this.sub]) {
      // ioredis reconnects by itself; without a listener it would print every failed attempt.
      client.on("error", () => undefined);
      client.on("close", () => {
        if (this.state === "disconnected" || this.isDestroyed) return;
        this.state = "disconnected";
        log("redis-unavailable", { instance: identifier });
        this.notify();
      });
      client.on("ready", () => {
        if (this.state === "connected" || this.pub.status !== "ready" || this.sub.status !== "ready") return;
        this.resynchronizing ??= this.resynchronize()
          .then(() => {
            if (this.state === "disconnected") log("redis-restored", { instance: identifier, documents: this.instance?.documents.size ?? 0 });
            this.state = "connected";
            this.notify();
          })
          .catch((error: unknown) => log("redis-resync-failed", { instance: identifier, error: String(error) }))
          .finally(() => (this.resynchronizing = null));
      });
    }
  }

  get connectionState(): RedisSyncState {
    return this.state;
  }

  /** Calls `listener` on every change between connected and disconnected; returns the unsubscribe. */
  onStateChange(listener: (state: RedisSyncState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    // The document is re-synchronised when Redis is back; loading it must not wait for that.
    if (this.state !== "connected") return;
    const load = super.afterLoadDocument(payload);
    this.pendingLoads.add(load);
    void load.then(
      () => this.pendingLoads.delete(load),
      () => this.pendingLoads.delete(load),
    );
    await withDeadline(load, LOAD_DEADLINE_MS).catch(() => undefined);
  }

  override async onChange(payload: onChangePayload): Promise<void> {
    if (this.state === "connected") await super.onChange(payload);
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (this.state === "connected") await super.onAwarenessUpdate(payload);
  }

  override async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
    // The lock only spares instances from folding the same log twice; compaction also takes the
    // document's row lock in the database, so without Redis it goes ahead under that lock alone.
    if (this.state !== "connected") return;
    try {
      await withDeadline(super.onStoreDocument(payload), LOAD_DEADLINE_MS);
    } catch (error) {
      if (error instanceof Error && error.name === "SkipFurtherHooksError") throw error;
    }
  }

  override async onDestroy(): Promise<void> {
    // Shutting down closes the connections on purpose: that is no outage to report.
    this.isDestroyed = true;
    await super.onDestroy();
  }

  /** Re-subscribes every open document and publishes its state vector (see the class comment). */
  private async resynchronize(): Promise<void> {
    // A load that started just before the outage may still unsubscribe its channel when it fails.
    await Promise.allSettled([...this.pendingLoads]);
    const documents = [...(this.instance?.documents.values() ?? [])];
    const replyChannel = `${PREFIX}#reply:${this.configuration.identifier}`;
    await this.sub.subscribe(replyChannel, ...documents.map((document) => `${PREFIX}:${document.name}`));
    // The stock extension awaits this subscription before every load; if Redis was down when it
    // started, the promise it holds stays rejected, so it is replaced by the one made just now.
    Object.assign(this, { replySubscription: Promise.resolve() });
    await Promise.all(documents.map((document) => this.publishStateVector(document)));
  }

  private async publishStateVector(document: Document): Promise<void> {
    const syncStep = new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document);
    const awarenessQuery = new OutgoingMessage(document.name).writeQueryAwareness();
    for (const message of [syncStep, awarenessQuery]) {
      await this.pub.publish(`${PREFIX}:${document.name}`, Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]));
    }
  }

  /**
   * Updates are relayed to people on this instance before their commit, but another instance
   * only ever receives document content that is durable: if this instance died before the commit,
   * a peer holding the content could acknowledge it to its sender as already there, and nobody
   * would store it. Every publish that carries content (a sync step 2 answering a peer, or an
   * update) waits until everything the live document held when it was encoded is committed.
   */
  private publishContentOnlyOnceDurable(): void {
    const publish = this.pub.publish.bind(this.pub) as (channel: string, message: Buffer) => Promise<number>;
    const gated = (channel: string, message: Buffer): Promise<number> => {
      const documentName = contentDocumentName(message);
      if (documentName === null) return publish(channel, message);
      return whenDocumentDurable(documentName).then(() => publish(channel, message));
    };
    Object.assign(this.pub, { publish: gated });
  }

  private notify(): void {
    for (const listener of this.stateListeners) listener(this.state);
  }
}

/**
 * Tells every editor on this instance when live updates from other instances pause and resume
 * (lib/collab/live-updates.ts), and tells anyone who joins during an outage at once.
 */
export function liveUpdatesNotice(sync: ResilientRedisSync, openDocuments: () => Iterable<Document>): Extension {
  sync.onStateChange((state) => {
    const payload = liveUpdatesPayload(state === "connected" ? "resumed" : "paused");
    for (const document of openDocuments()) for (const connection of document.getConnections()) connection.sendStateless(payload);
  });
  return {
    extensionName: "accord-live-updates",
    connected: async ({ connection }) => {
      if (sync.connectionState === "disconnected") connection.sendStateless(liveUpdatesPayload("paused"));
    },
  };
}

/**
 * The document a Redis message carries content of (a sync step 2 or an update), else null.
 * A message is the sender's prefix (identifier length, identifier) and a Hocuspocus message.
 */
function contentDocumentName(message: Buffer): string | null {
  const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
  decoder.pos = 1 + message[0];
  const documentName = decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== HOCUSPOCUS_SYNC) return null;
  const syncType = decoding.readVarUint(decoder);
  return syncType === messageYjsSyncStep2 || syncType === messageYjsUpdate ? documentName : null;
}

/** The Redis extension bundles its own ioredis, configured by host and options rather than URL. */
function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === "rediss:" ? {} : undefined,
      // A command sent just as Redis goes away fails after a few reconnection attempts instead of twenty.
      maxRetriesPerRequest: 3,
    },
  };
}

async function withDeadline<T>(promise: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
