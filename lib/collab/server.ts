import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Connection, type Extension, type LocalTransactionOrigin } from "@hocuspocus/server";
import { Redis } from "ioredis";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as decoding from "lib0/decoding";
import { messageYjsSyncStep1 } from "y-protocols/sync";
import * as Y from "yjs";
import { findActorBySessionId, sessionFromCookieHeader } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { collaborationAccess, type Actor, type DocumentTarget } from "@/lib/policy";
import { findCollaborationTarget, findDocumentTargets, isAllowedOrigin, type CollaborationAccess } from "@/lib/collab/authentication";
import { inspectFrame } from "@/lib/collab/frames";
import { batchAwarenessBroadcasts } from "@/lib/collab/awareness-batching";
import { appendDocumentUpdate, compactDocumentUpdates, isUpdateAlreadyApplied, loadLiveDocumentState, whenDocumentDurable, withDatabaseRetry } from "@/lib/collab/persistence";
import { enforcePresenceIdentity, presenceUserFor, type PresenceEntry } from "@/lib/collab/presence";
import { CLOSE_CODES, CLOSE_REASONS, COLLABORATION_PATH, PERMISSION_DENIED_REASONS, type PresenceUser, type UpdateRefusedMessage } from "@/lib/collab/protocol";
import { ParticipantRoster } from "@/lib/collab/roster";
import { repairStoredDocument } from "@/lib/documents/repair-stored-document";
import { liveUpdatesNotice, ResilientRedisSync } from "@/lib/collab/redis-sync";
import { checkUpdate, DEFAULT_UPDATE_RULES, type UpdateRule } from "@/lib/collab/update-check";
import { NegotiationRules } from "@/lib/collab/suggestion-rule";
import { ACCESS_CHANGES_CHANNEL, parseRemoteAccessChange, subscribeToLocalAccessChanges, type AccessChange } from "@/lib/realtime/access-events";
import { parseRemoteStoredUpdate, STORED_UPDATES_CHANNEL, subscribeToLocalStoredUpdates, type StoredUpdate } from "@/lib/realtime/stored-updates";
import { subscribeToDocumentOpenings } from "@/lib/realtime/document-openings";
import { DocumentPreloads } from "@/lib/collab/preloads";

/** One authenticated websocket: the session it was opened with and the documents it has joined. */
type SocketSession = {
  socketId: string;
  webSocket: WebSocket;
  sessionId: string;
  actor: Actor;
  documents: Map<string, CollaborationAccess>;
  /** An access change concerns this socket and its re-check has not finished: it may not write meanwhile. */
  isAwaitingRecheck: boolean;
  close: (code: number, reason: string) => void;
};

/** The barrier for the next SyncStatus, and the chain of acknowledgements already released in order. */
type AcknowledgementGate = { next: Promise<void> | null; released: Promise<void> };

/** Hocuspocus' per-document context for a connection. */
type ConnectionContext = { session: SocketSession; access?: CollaborationAccess; target?: DocumentTarget; user?: PresenceUser };

export type CollaborationEvent =
  | "refused-origin"
  | "refused-unauthenticated"
  | "refused-document"
  | "refused-frame"
  | "refused-update-from-read-only"
  | "refused-stateless-from-read-only"
  | "refused-awareness-from-read-only"
  | "refused-foreign-awareness"
  | "refused-malformed-update"
  | "refused-update"
  | "ignored-stateless"
  | "socket-error"
  | "database-unavailable"
  | "session-ended"
  | "access-changed"
  | "compaction-failed"
  | "stored-update-failed"
  | "repaired-on-load"
  | "preload-failed"
  | "redis-unavailable"
  | "redis-restored"
  | "redis-resync-failed";

export type CollaborationLogger = (event: CollaborationEvent, details: Record<string, unknown>) => void;

export type CollaborationServerOptions = {
  allowedOrigins: readonly string[];
  maxMessageBytes: number;
  recheckIntervalMs: number;
  redisUrl?: string;
  /** A socket that sends nothing (not even a pong) for this long is closed; Hocuspocus' default is 60 s. */
  idleTimeoutMs?: number;
  /** How often the server pings every socket; browsers answer pings by themselves. */
  pingIntervalMs?: number;
  /** The rules every update must pass before it is stored or relayed (lib/collab/update-check.ts). */
  updateRules?: readonly UpdateRule[];
  /** Awareness changes (carets) go out at most once per this window, merged per document; 0 sends them once per event-loop turn. */
  awarenessWindowMs?: number;
  /** Caret states a document may send per second over all its connections (lib/collab/awareness-batching.ts). */
  caretStatesPerSecond?: number;
  /** Fold the update log into the document state once this many updates were stored here since the last compaction. */
  compactAfterUpdates?: number;
  /** How long a document loaded for a page's editor waits for its socket (lib/collab/preloads.ts). */
  preloadHoldMs?: number;
  log?: CollaborationLogger;
};

/**
 * Carets from hundreds of editors arrive hundreds of times a second; merged over this window each
 * connection gets about 20 awareness messages a second whatever the number of editors, and a caret
 * moves at most this much later than the text it points into (which is never delayed).
 */
const DEFAULT_AWARENESS_WINDOW_MS = 50;

/**
 * 200 editors each moving a caret twice a second (200 × 200 × 2) fit; beyond that, carets slow down
 * (300 all moving: each about once every 1.1 s) so that the edits keep flowing (README, Performance).
 */
const DEFAULT_CARET_STATES_PER_SECOND = 80_000;

/** Hocuspocus' message type for SyncStatus (MessageType.SyncStatus; the enum is not exported). */
const HOCUSPOCUS_SYNC_STATUS = 8;

const defaultLogger: CollaborationLogger = (event, details) => console.warn(`[collab] ${event}`, JSON.stringify(details));

/** Whether an upgrade request is for the collaboration websocket rather than Next.js (e.g. its dev reloader). */
export function isCollaborationRequest(request: IncomingMessage): boolean {
  const pathname = (request.url ?? "").split("?")[0];
  return pathname === COLLABORATION_PATH || pathname.startsWith(`${COLLABORATION_PATH}/`);
}

/** The collaboration server configured from the environment (lib/env.ts). */
export async function startCollaborationServerFromEnvironment(): Promise<CollaborationServer> {
  const config = env();
  if (config.REDIS_URL && config.databaseKind === "sqlite") {
    console.warn("[collab] REDIS_URL is set with SQLite: instances must share one PostgreSQL database to scale out.");
  }
  const server = new CollaborationServer({
    // The app's configured public URL is always an allowed origin, whatever Host a proxy forwards.
    allowedOrigins: [...config.ACCORD_ALLOWED_ORIGINS, ...(config.NEXTAUTH_URL ? [new URL(config.NEXTAUTH_URL).origin] : [])],
    maxMessageBytes: config.ACCORD_COLLAB_MAX_MESSAGE_BYTES,
    recheckIntervalMs: config.ACCORD_COLLAB_RECHECK_SECONDS * 1000,
    awarenessWindowMs: config.ACCORD_COLLAB_AWARENESS_WINDOW_MS,
    caretStatesPerSecond: config.ACCORD_COLLAB_CARET_STATES_PER_SECOND,
    redisUrl: config.REDIS_URL,
  });
  await server.start();
  return server;
}

/**
 * Accord's collaboration server: Hocuspocus behind the app's own HTTP server (path /collab), with
 * the hardening the library does not give by default. See lib/collab/README.md for the contract.
 */
export class CollaborationServer {
  readonly instanceId = `accord-${crypto.randomUUID()}`;
  readonly hocuspocus: Hocuspocus;
  private readonly webSocketServer: WebSocketServer;
  private readonly sockets = new Set<SocketSession>();
  private readonly roster: ParticipantRoster;
  private readonly storedSinceCompaction = new Map<string, number>();
  /** Compactions under way, which shutting down waits for; none starts once it has begun. */
  private readonly compactionsUnderWay = new Set<Promise<void>>();
  private isShuttingDown = false;
  private readonly log: CollaborationLogger;
  private recheckTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private isRechecking = false;
  private readonly redisClients: Redis[] = [];
  private rosterRedis: { publisher: Redis; subscriber: Redis } | undefined;
  private unsubscribeFromAccessChanges: (() => void) | undefined;
  /** Per connection, the acknowledgements waiting for their commits (see holdAcknowledgement). */
  private readonly acknowledgementGates = new WeakMap<Connection, AcknowledgementGate>();
  private unsubscribeFromStoredUpdates: (() => void) | undefined;
  private unsubscribeFromDocumentOpenings: (() => void) | undefined;
  /** Documents loaded while their page's editor is on its way (lib/collab/preloads.ts). */
  private readonly preloads: DocumentPreloads;
  /** Connections made read-only for the one message being refused (see beforeSync). */
  private readonly refusingConnections = new WeakSet<Connection>();
  /** Delegates' updates in negotiation documents: only their own suggestions (lib/collab/suggestion-rule.ts). */
  private readonly negotiationRules = new NegotiationRules();

  constructor(private readonly options: CollaborationServerOptions) {
    this.log = options.log ?? defaultLogger;
    this.webSocketServer = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
    const extensions: Extension[] = [];
    let rosterRedis: { publisher: Redis; subscriber: Redis } | undefined;
    if (options.redisUrl) {
      // Degrades and recovers by itself when Redis goes away (lib/collab/redis-sync.ts).
      const redisSync = new ResilientRedisSync({ redisUrl: options.redisUrl, identifier: this.instanceId, log: this.log });
      extensions.push(redisSync, liveUpdatesNotice(redisSync, () => this.hocuspocus.documents.values()));
      const publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
      const subscriber = publisher.duplicate();
      this.redisClients.push(publisher, subscriber);
      rosterRedis = { publisher, subscriber };
      this.rosterRedis = rosterRedis;
    }
    extensions.push(this.accordExtension());
    this.hocuspocus = new Hocuspocus({
      name: this.instanceId,
      quiet: true,
      timeout: options.idleTimeoutMs ?? 60_000,
      extensions,
      // Every update is already durable in the log; the store hook only schedules compaction.
      debounce: 5_000,
      maxDebounce: 30_000,
      // Authentication takes one database read; a provider sends a handful of messages meanwhile.
      maxUnauthenticatedQueueSize: Math.min(options.maxMessageBytes, 1024 * 1024),
      maxUnauthenticatedQueueMessages: 200,
      maxPendingDocuments: 20,
    });
    this.preloads = new DocumentPreloads(this.hocuspocus, (documentName, error) => this.log("preload-failed", { documentName, error: describe(error) }), options.preloadHoldMs);
    this.roster = new ParticipantRoster({
      instanceId: this.instanceId,
      localEntries: (documentId) => this.localPresenceEntries(documentId),
      openDocumentIds: () => [...this.hocuspocus.documents.keys()],
      deliver: (documentId, participants) => {
        const payload = JSON.stringify({ type: "accord:participants", documentId, participants });
        for (const connection of this.hocuspocus.documents.get(documentId)?.getConnections() ?? []) connection.sendStateless(payload);
      },
      redis: rosterRedis,
    });
  }

  async start(): Promise<void> {
    await this.roster.start();
    this.unsubscribeFromAccessChanges = subscribeToLocalAccessChanges((change) => this.handleAccessChange(change));
    this.unsubscribeFromStoredUpdates = subscribeToLocalStoredUpdates((stored) => void this.applyStoredUpdate(stored));
    this.unsubscribeFromDocumentOpenings = subscribeToDocumentOpenings((documentId) => void this.preloads.preload(documentId));
    if (this.rosterRedis) {
      // Changes committed by other instances (e.g. the secretariat approving minutes, or replacing a text, there).
      const { subscriber } = this.rosterRedis;
      subscriber.on("message", (channel: string, message: string) => {
        if (channel === ACCESS_CHANGES_CHANNEL) {
          const change = parseRemoteAccessChange(message);
          if (change) this.handleAccessChange(change);
        } else if (channel === STORED_UPDATES_CHANNEL) {
          const stored = parseRemoteStoredUpdate(message);
          if (stored) void this.applyStoredUpdate(stored);
        }
      });
      await subscriber.subscribe(ACCESS_CHANGES_CHANNEL, STORED_UPDATES_CHANNEL);
    }
    this.recheckTimer = setInterval(() => void this.recheckSockets(), this.options.recheckIntervalMs);
    this.recheckTimer.unref();
    // Read-only clients send nothing once synced (no awareness), so pongs are what keeps their
    // sockets from counting as idle; a socket whose peer vanished stops answering and is closed.
    this.pingTimer = setInterval(() => {
      for (const socket of this.sockets) if (socket.webSocket.readyState === socket.webSocket.OPEN) socket.webSocket.ping();
    }, this.options.pingIntervalMs ?? 20_000);
    this.pingTimer.unref();
  }

  /** Takes over an HTTP upgrade for /collab: Origin, then session, then the websocket. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const handleEarlyError = () => socket.destroy();
    socket.on("error", handleEarlyError);
    if (!isAllowedOrigin(request.headers, this.options.allowedOrigins)) {
      this.log("refused-origin", { origin: request.headers.origin, host: request.headers.host });
      rejectUpgrade(socket, 403, "Forbidden");
      return;
    }
    sessionFromCookieHeader(request.headers.cookie).then(
      (session) => {
        if (socket.destroyed) return;
        socket.off("error", handleEarlyError);
        this.webSocketServer.handleUpgrade(request, socket, head, (webSocket) => this.handleSocket(webSocket, request, session));
      },
      (error: unknown) => {
        this.log("database-unavailable", { during: "upgrade", error: describe(error) });
        rejectUpgrade(socket, 503, "Service Unavailable");
      },
    );
  }

  private handleSocket(webSocket: WebSocket, request: IncomingMessage, session: { sessionId: string; actor: Actor } | null): void {
    const socketId = crypto.randomUUID();
    // ws reports oversized and invalid frames here and then closes that socket itself.
    webSocket.on("error", (error) => this.log("socket-error", { socketId, error: describe(error) }));
    if (!session) {
      this.log("refused-unauthenticated", { socketId, address: request.socket.remoteAddress });
      webSocket.close(CLOSE_CODES.unauthenticated, CLOSE_REASONS.unauthenticated);
      return;
    }
    const socketSession: SocketSession = {
      socketId,
      webSocket,
      sessionId: session.sessionId,
      actor: session.actor,
      documents: new Map(),
      isAwaitingRecheck: false,
      close: (code, reason) => {
        if (webSocket.readyState === webSocket.OPEN || webSocket.readyState === webSocket.CONNECTING) webSocket.close(code, reason);
      },
    };
    this.sockets.add(socketSession);
    const context: ConnectionContext = { session: socketSession };
    const clientConnection = this.hocuspocus.handleConnection(webSocket, webRequestFor(request), context);
    webSocket.on("pong", () => {
      clientConnection.lastMessageReceivedAt = Date.now();
    });
    webSocket.on("message", (data, isBinary) => {
      if (!isBinary) {
        this.log("refused-frame", { socketId, userId: session.actor.id, detail: "text frame" });
        socketSession.close(CLOSE_CODES.unsupportedData, CLOSE_REASONS.unsupportedData);
        return;
      }
      const bytes = toBytes(data);
      const verdict = inspectFrame(bytes);
      if (!verdict.isAccepted) {
        this.log("refused-frame", { socketId, userId: session.actor.id, detail: verdict.detail });
        socketSession.close(verdict.code, verdict.reason);
        return;
      }
      clientConnection.handleMessage(bytes);
    });
    webSocket.on("close", (code, reason) => {
      this.sockets.delete(socketSession);
      clientConnection.handleClose({ code, reason: reason.toString() });
    });
  }

  private accordExtension(): Extension {
    return {
      extensionName: "accord",
      onAuthenticate: async ({ documentName, context, connectionConfig }) => {
        const { session } = context as ConnectionContext;
        let found: Awaited<ReturnType<typeof findCollaborationTarget>>;
        try {
          found = await withDatabaseRetry(() => findCollaborationTarget({ actor: session.actor, documentName }), { delaysMs: [100, 400] });
        } catch (error) {
          this.log("database-unavailable", { during: "authenticate", documentName, error: describe(error) });
          session.close(CLOSE_CODES.temporarilyUnavailable, CLOSE_REASONS.temporarilyUnavailable);
          throw { reason: PERMISSION_DENIED_REASONS.temporarilyUnavailable };
        }
        const access = found?.access ?? "none";
        if (!found || access === "none") {
          this.log("refused-document", { socketId: session.socketId, userId: session.actor.id, documentName });
          // The same answer for a missing document and one the person may not read.
          throw { reason: PERMISSION_DENIED_REASONS.notFound };
        }
        connectionConfig.readOnly = access === "read-only";
        session.documents.set(documentName, access);
        return { access, target: found.target, user: presenceUserFor(session.actor) } satisfies Partial<ConnectionContext>;
      },

      onLoadDocument: async ({ documentName }) => {
        let loaded: Awaited<ReturnType<typeof loadLiveDocumentState>>;
        try {
          loaded = await loadLiveDocumentState(documentName);
        } catch (error) {
          this.log("database-unavailable", { during: "load", documentName, error: describe(error) });
          throw { reason: PERMISSION_DENIED_REASONS.temporarilyUnavailable };
        }
        if (!loaded) throw { reason: PERMISSION_DENIED_REASONS.notFound };
        // A document stored before updates were checked is repaired once, so the editor can open it.
        let repaired: Uint8Array | null;
        try {
          repaired = await repairStoredDocument({ documentId: documentName, state: loaded.state });
        } catch (error) {
          this.log("database-unavailable", { during: "repair", documentName, error: describe(error) });
          throw { reason: PERMISSION_DENIED_REASONS.temporarilyUnavailable };
        }
        if (repaired) this.log("repaired-on-load", { documentName });
        // A log left long (by a crash, or by another instance) is folded now rather than at the next edit.
        this.storedSinceCompaction.set(documentName, loaded.loggedUpdates + (repaired ? 1 : 0));
        if (loaded.loggedUpdates >= this.compactAfterUpdates) void this.compact(documentName);
        return repaired ?? loaded.state;
      },

      // Hocuspocus applies the loaded state like an edit, and its relay buffer would send it, at the end
      // of this event-loop turn, to the first connection: the whole text a second time (430 KB for a
      // 100-page MoU, decoded again by the browser before "synced"). Nobody is connected yet, so
      // flushing now sends it to no one; the sync gives every connection the text.
      afterLoadDocument: async ({ document }) => {
        document.flush();
        batchAwarenessBroadcasts(document, {
          windowMs: this.options.awarenessWindowMs ?? DEFAULT_AWARENESS_WINDOW_MS,
          statesPerSecond: this.options.caretStatesPerSecond ?? DEFAULT_CARET_STATES_PER_SECOND,
        });
      },

      // Runs before Hocuspocus applies a sync message; Hocuspocus then applies it (which relays it to
      // everyone here at once) and sends the sender a SyncStatus, which the provider counts as
      // "saved". So the update is queued for its commit here, and that SyncStatus is held back until
      // the commit (holdAcknowledgement): relay before commit, acknowledge after.
      // Steps, in order: decode, refuse from read-only, skip no-ops, check (schema and rules), store.
      beforeSync: async ({ connection, type, payload, document, documentName, context }) => {
        if (type === messageYjsSyncStep1) return;
        const { session, target } = context as ConnectionContext;
        if (session.isAwaitingRecheck) {
          // Its access changed a moment ago (e.g. the minutes were approved): nothing more is
          // stored until the re-check decides; the provider reconnects and gets its new access.
          this.log("access-changed", { socketId: session.socketId, userId: session.actor.id, documentName, during: "update" });
          session.close(CLOSE_CODES.accessChanged, CLOSE_REASONS.accessChanged);
          throw new Error("update not stored: access changed");
        }
        let isNoop: boolean;
        try {
          isNoop = isUpdateAlreadyApplied(document, payload);
        } catch (error) {
          this.log("refused-malformed-update", { socketId: session.socketId, userId: session.actor.id, documentName, error: describe(error) });
          session.close(CLOSE_CODES.malformedMessage, CLOSE_REASONS.malformedMessage);
          // A short error: Hocuspocus logs what it is given, and the details are logged above.
          throw new Error("malformed update refused");
        }
        if (connection.readOnly) {
          // Hocuspocus does not apply it either; this records the attempt.
          if (!isNoop) this.log("refused-update-from-read-only", { socketId: session.socketId, userId: session.actor.id, documentName, syncType: type });
          this.holdAcknowledgement(connection, session, Promise.resolve());
          return;
        }
        if (isNoop) {
          // Already in the live document, perhaps not yet committed (a client re-sending after a
          // reconnect what it sent just before): "saved" only once that is durable.
          this.holdAcknowledgement(connection, session, whenDocumentDurable(documentName));
          return;
        }
        if (!this.isUpdateAccepted({ connection, payload, document, documentName, session, target })) {
          this.holdAcknowledgement(connection, session, Promise.resolve());
          return;
        }
        const committed = appendDocumentUpdate({
          documentId: documentName,
          update: payload,
          userId: session.actor.id,
          // The update is live already and stays queued until the database answers again; the
          // sender is told now (its editor shows the server as unavailable) and, when it comes
          // back, re-sends what is still unacknowledged, which is acknowledged once stored.
          onStalled: (error) => {
            this.log("database-unavailable", { during: "append", documentName, error: describe(error) });
            session.close(CLOSE_CODES.temporarilyUnavailable, CLOSE_REASONS.temporarilyUnavailable);
          },
        });
        this.holdAcknowledgement(connection, session, committed);
        this.storedSinceCompaction.set(documentName, (this.storedSinceCompaction.get(documentName) ?? 0) + 1);
      },

      beforeHandleAwareness: async ({ states, connection, context, document, documentName }) => {
        if (!connection) return;
        const { session, user } = context as ConnectionContext;
        if (connection.readOnly || !user) {
          if (states.size) this.log("refused-awareness-from-read-only", { socketId: session.socketId, userId: session.actor.id, documentName });
          states.clear();
          return;
        }
        const dropped = enforcePresenceIdentity({
          states,
          user,
          ownClientIds: document.getClients(connection),
          isClientIdTaken: (clientId) => document.getConnections().some((other) => other !== connection && document.getClients(other).has(clientId)),
        });
        if (dropped.length) this.log("refused-foreign-awareness", { socketId: session.socketId, userId: session.actor.id, documentName, clientIds: dropped });
      },

      afterHandleMessage: async ({ connection }) => {
        if (!this.refusingConnections.has(connection)) return;
        this.refusingConnections.delete(connection);
        connection.readOnly = false;
      },

      onStateless: async ({ connection, documentName }) => {
        const { session } = connection.context as ConnectionContext;
        // Clients have no stateless messages to send in this version; nothing is ever relayed.
        this.log(connection.readOnly ? "refused-stateless-from-read-only" : "ignored-stateless", { socketId: session.socketId, userId: session.actor.id, documentName });
      },

      connected: async ({ documentName }) => {
        // The person's socket holds the document open now.
        void this.preloads.release(documentName);
        await this.roster.announce(documentName);
      },

      onDisconnect: async ({ documentName, context }) => {
        // A preload's direct connection (lib/collab/preloads.ts) has no session.
        (context as Partial<ConnectionContext>).session?.documents.delete(documentName);
        await this.roster.announce(documentName);
      },

      // Hocuspocus calls this debounced after changes and at once when the last connection leaves.
      onStoreDocument: async ({ documentName, document }) => {
        const stored = this.storedSinceCompaction.get(documentName) ?? 0;
        const isLastConnection = document.getConnectionsCount() === 0;
        if (stored === 0 || (!isLastConnection && stored < this.compactAfterUpdates)) return;
        await this.compact(documentName);
      },

      afterUnloadDocument: async ({ documentName }) => {
        this.negotiationRules.forget(documentName);
        this.roster.forget(documentName);
        // Loading again counts the log afresh.
        this.storedSinceCompaction.delete(documentName);
      },
    };
  }

  /**
   * Runs the update check. A refused update is answered like one from a read-only connection:
   * Hocuspocus neither applies nor relays it and sends SyncStatus(false), so nothing is stored,
   * the sender is told why in a stateless message, and its socket stays open for later updates.
   * Hocuspocus reads `readOnly` right after this hook; afterHandleMessage restores it.
   */
  private isUpdateAccepted({ connection, payload, document, documentName, session, target }: {
    connection: Connection;
    payload: Uint8Array;
    document: Y.Doc;
    documentName: string;
    session: SocketSession;
    target: DocumentTarget | undefined;
  }): boolean {
    let verdict: { isAccepted: true } | { isAccepted: false; reason: UpdateRefusedMessage["reason"]; detail: string };
    try {
      verdict = target
        ? checkUpdate({
            document,
            update: payload,
            actor: session.actor,
            target,
            rules: [...(this.options.updateRules ?? DEFAULT_UPDATE_RULES), this.negotiationRules.ruleFor({ documentName, document, update: payload })],
          })
        : { isAccepted: false, reason: "not-allowed", detail: "document not authenticated" };
    } catch (error) {
      // A forged update can decode yet still not make sense to the inspection: refuse it all the same.
      verdict = { isAccepted: false, reason: "invalid-document", detail: `update could not be inspected: ${describe(error)}` };
    }
    if (verdict.isAccepted) return true;
    this.log("refused-update", { socketId: session.socketId, userId: session.actor.id, documentName, reason: verdict.reason, detail: verdict.detail });
    connection.readOnly = true;
    this.refusingConnections.add(connection);
    const message: UpdateRefusedMessage = { type: "accord:update-refused", documentId: documentName, reason: verdict.reason, detail: verdict.detail };
    connection.sendStateless(JSON.stringify(message));
    return false;
  }

  /**
   * Holds back the SyncStatus that Hocuspocus sends right after applying this sync message until
   * `durable` settles; acknowledgements leave in the order of their messages. Hocuspocus handles
   * one connection's messages one at a time and sends exactly one SyncStatus per applied sync
   * message, so the barrier set here belongs to the next SyncStatus this connection sends. If the
   * update can never be stored, nothing is acknowledged and the socket is closed.
   */
  private holdAcknowledgement(connection: Connection, session: SocketSession, durable: Promise<void>): void {
    let gate = this.acknowledgementGates.get(connection);
    if (!gate) {
      const newGate: AcknowledgementGate = { next: null, released: Promise.resolve() };
      const send = connection.send.bind(connection);
      connection.send = (message: Uint8Array) => {
        if (!isSyncStatusMessage(message)) return send(message);
        const barrier = newGate.next ?? Promise.resolve();
        newGate.next = null;
        newGate.released = newGate.released.then(() => barrier).then(() => send(message));
        newGate.released.catch((error: unknown) => {
          this.log("database-unavailable", { during: "append", documentName: connection.document.name, error: describe(error) });
          session.close(CLOSE_CODES.temporarilyUnavailable, CLOSE_REASONS.temporarilyUnavailable);
        });
      };
      this.acknowledgementGates.set(connection, newGate);
      gate = newGate;
    }
    gate.next = durable;
  }

  private get compactAfterUpdates(): number {
    return this.options.compactAfterUpdates ?? 500;
  }

  /**
   * Folds the document's log; a failure is logged and retried later, since the log still holds
   * everything. Not once the server is shutting down: the log keeps every update, and the next load
   * of the document folds a long one.
   */
  private compact(documentName: string): Promise<void> {
    if (this.isShuttingDown) return Promise.resolve();
    const compaction = this.foldLog(documentName).finally(() => this.compactionsUnderWay.delete(compaction));
    this.compactionsUnderWay.add(compaction);
    return compaction;
  }

  private async foldLog(documentName: string): Promise<void> {
    const stored = this.storedSinceCompaction.get(documentName) ?? 0;
    this.storedSinceCompaction.set(documentName, 0);
    try {
      const open = this.hocuspocus.documents.get(documentName);
      const { missing } = await compactDocumentUpdates({ documentId: documentName, knownStateVector: open ? Y.encodeStateVector(open) : undefined });
      // The stored state can hold an update this instance never saw: one stored by an instance that
      // crashed before relaying it through Redis. What the open copy lacks of it (worked out with
      // the fold; nothing, as a rule) brings it to the people connected here.
      const document = this.hocuspocus.documents.get(documentName);
      if (missing && document && document.getConnectionsCount() > 0) Y.applyUpdate(document, missing, { source: "local", skipStoreHooks: true });
    } catch (error) {
      this.log("compaction-failed", { documentName, error: describe(error) });
      this.storedSinceCompaction.set(documentName, stored + (this.storedSinceCompaction.get(documentName) ?? 0));
    }
  }

  /**
   * An update a lib verb stored in the log without a websocket (a text replaced from Word,
   * lib/realtime/stored-updates.ts): this instance's open copy of the document applies it as a local
   * change, which Hocuspocus sends to every connection here and the Redis extension relays to peers.
   * The same as a direct connection's transaction, without loading a document nobody has open here.
   * A document still loading applies it once loaded (a no-op if the load already read it).
   */
  async applyStoredUpdate({ documentId, update }: StoredUpdate): Promise<void> {
    const document = this.hocuspocus.documents.get(documentId) ?? (await this.hocuspocus.loadingDocuments.get(documentId)?.catch(() => undefined));
    if (!document) return;
    try {
      Y.applyUpdate(document, update, { source: "local" } satisfies LocalTransactionOrigin);
    } catch (error) {
      this.log("stored-update-failed", { documentName: documentId, error: describe(error) });
      return;
    }
    // Counted like a stored edit, so the log is folded when the last person leaves.
    this.storedSinceCompaction.set(documentId, (this.storedSinceCompaction.get(documentId) ?? 0) + 1);
  }

  private localPresenceEntries(documentId: string): PresenceEntry[] {
    const entries: PresenceEntry[] = [];
    for (const connection of this.hocuspocus.documents.get(documentId)?.getConnections() ?? []) {
      const { user, access } = connection.context as ConnectionContext;
      if (user) entries.push({ user, canEdit: access !== "read-only" && !connection.readOnly });
    }
    return entries;
  }

  /**
   * Re-reads every open socket's session, account and document access, so deactivating someone
   * or changing their role reaches their open sockets within one interval. A changed access
   * closes the socket with `access-changed`; the provider reconnects and gets the new access.
   */
  async recheckSockets(): Promise<void> {
    if (this.isRechecking || this.sockets.size === 0) return;
    this.isRechecking = true;
    try {
      await this.recheck([...this.sockets]);
    } finally {
      this.isRechecking = false;
    }
  }

  /**
   * An access change was committed (published by a lib verb on this or another instance): the
   * sockets it concerns stop writing at once (synchronously, so a verb in this process returns
   * only after that) and are re-checked now rather than at the next periodic re-check.
   */
  handleAccessChange(change: AccessChange): void {
    const affected = [...this.sockets].filter((socket) =>
      change.scope === "user" ? socket.actor.id === change.userId : change.scope === "session" ? socket.sessionId === change.sessionId : socket.documents.has(change.documentId),
    );
    if (affected.length === 0) return;
    for (const socket of affected) socket.isAwaitingRecheck = true;
    void this.recheck(affected);
  }

  private async recheck(sockets: SocketSession[]): Promise<void> {
    try {
      const actors = new Map<string, Actor | null>();
      for (const sessionId of new Set(sockets.map((socket) => socket.sessionId))) actors.set(sessionId, await findActorBySessionId(sessionId));
      const targets = await findDocumentTargets([...new Set(sockets.flatMap((socket) => [...socket.documents.keys()]))]);
      for (const socket of sockets) {
        const actor = actors.get(socket.sessionId);
        if (!actor) {
          this.log("session-ended", { socketId: socket.socketId, userId: socket.actor.id });
          socket.close(CLOSE_CODES.unauthenticated, CLOSE_REASONS.unauthenticated);
          continue;
        }
        const isSameIdentity = actor.name === socket.actor.name && actor.organisationCode === socket.actor.organisationCode;
        const changedDocument = [...socket.documents].find(([documentId, access]) => {
          const target = targets.get(documentId);
          return !target || collaborationAccess(actor, target) !== access;
        });
        if (!isSameIdentity || changedDocument) {
          this.log("access-changed", { socketId: socket.socketId, userId: actor.id, documentName: changedDocument?.[0] });
          socket.close(CLOSE_CODES.accessChanged, CLOSE_REASONS.accessChanged);
          continue;
        }
        socket.actor = actor;
        socket.isAwaitingRecheck = false;
      }
    } catch (error) {
      // The sockets keep their access until the next round can read the database, except those
      // an access change concerns: they reconnect, and are authenticated afresh.
      this.log("database-unavailable", { during: "recheck", error: describe(error) });
      for (const socket of sockets) if (socket.isAwaitingRecheck) socket.close(CLOSE_CODES.temporarilyUnavailable, CLOSE_REASONS.temporarilyUnavailable);
    }
  }

  /**
   * Closes every socket, lets Hocuspocus settle, waits for the compactions under way (so none is
   * cut off by the process exiting or its database going) and disconnects from Redis.
   */
  async destroy(): Promise<void> {
    this.isShuttingDown = true;
    clearInterval(this.recheckTimer);
    clearInterval(this.pingTimer);
    this.unsubscribeFromAccessChanges?.();
    this.unsubscribeFromStoredUpdates?.();
    this.unsubscribeFromDocumentOpenings?.();
    await this.preloads.releaseAll();
    for (const socket of this.sockets) socket.close(1001, "server-shutting-down");
    this.hocuspocus.closeConnections();
    this.hocuspocus.flushPendingStores();
    await this.roster.stop();
    await this.hocuspocus.hooks("onDestroy", { instance: this.hocuspocus });
    await Promise.allSettled(this.compactionsUnderWay);
    for (const client of this.redisClients) client.disconnect();
    this.webSocketServer.close();
  }

  /** Compactions under way on this instance (for tests). */
  get compactionsUnderWayCount(): number {
    return this.compactionsUnderWay.size;
  }

  /** Open documents on this instance (for tests and the benchmark). */
  get openDocumentCount(): number {
    return this.hocuspocus.getDocumentsCount();
  }

  /** The live in-memory connections of a document on this instance. */
  connectionsOf(documentId: string): Connection[] {
    return this.hocuspocus.documents.get(documentId)?.getConnections() ?? [];
  }
}

/** Whether an outgoing Hocuspocus message (address, then type) is a SyncStatus, the provider's "saved". */
function isSyncStatusMessage(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === HOCUSPOCUS_SYNC_STATUS;
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** Hocuspocus wants a Fetch Request; it reads only the URL and headers for its hook payloads. */
function webRequestFor(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const name of ["origin", "user-agent", "x-forwarded-for"] as const) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(`http://collaboration.invalid${request.url ?? COLLABORATION_PATH}`, { headers });
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A one-line description for the log; database errors can carry whole query plans. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === "object" ? JSON.stringify(error) : String(error);
  const lastLine = text.trim().split("\n").at(-1) ?? "";
  return lastLine.slice(0, 300);
}
