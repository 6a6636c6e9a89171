import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { encode } from "next-auth/jwt";
import * as syncProtocol from "y-protocols/sync";
import { Redis } from "ioredis";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Database } from "@/lib/db";

// Providers live in a module of their own, which Playwright's specs can load too (this one uses import.meta).
export { closeClient, connectProvider, webSocketWithHeaders };
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { closeClient, connectProvider, webSocketWithHeaders } from "@/lib/testing/providers";

/** The secret every collaboration test signs its session cookies with (and gives to servers it starts). */
export const TEST_NEXTAUTH_SECRET = "accord-collaboration-tests-secret-0123456789abcdef";

export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether the machine's Redis answers. With CI=true a missing server is a failure, not a skip. */
export async function isRedisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`Redis is required in CI but did not answer at ${REDIS_TEST_URL}: ${(error as Error).message}`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** A signed-in browser's cookie header for the user: a fresh AuthSession and the next-auth JWT naming it. */
export async function sessionCookieFor(database: Database, userId: string, secret = TEST_NEXTAUTH_SECRET): Promise<string> {
  const session = await database.authSession.create({ data: { userId, expiresAt: new Date(Date.now() + 3600_000) }, select: { id: true } });
  const token = await encode({ token: { sessionId: session.id }, secret });
  return `next-auth.session-token=${token}`;
}

/** A port nobody listens on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A message a provider received: its Hocuspocus type and, for a SyncStatus, whether the change was stored. */
export type ProviderMessage = { type: number; isStored?: boolean };

/**
 * Records, in order of arrival, every message the provider receives for its document. The server
 * sends one socket's messages in order, so a message seen here proves that everything the server
 * sent that socket before it has arrived too: the way to show that something was *not* sent.
 */
export function recordReceivedMessages(provider: HocuspocusProvider): ProviderMessage[] {
  const received: ProviderMessage[] = [];
  provider.on("message", ({ event }: { event: MessageEvent }) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    received.push(type === MessageType.SyncStatus ? { type, isStored: decoding.readVarUint(decoder) === 1 } : { type });
  });
  return received;
}

/** Resolves once `check` holds, polling; rejects with `message` after the timeout. */
export async function waitFor(check: () => boolean | Promise<boolean>, { timeoutMs = 10_000, message = "condition" } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once the provider has synced and every local change is acknowledged (durably stored). */
export async function waitForSaved(provider: HocuspocusProvider, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, { timeoutMs, message: "provider saved" });
}

/** Appends a paragraph with the given text to a document's body, as the editor would. */
export function appendParagraph(document: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const body = document.getXmlFragment(DOCUMENT_FIELD);
  body.insert(body.length, [paragraph]);
}

/** The document body's text, paragraph by paragraph. */
export function bodyText(document: Y.Doc): string {
  return document.getXmlFragment(DOCUMENT_FIELD).toArray().map((node) => (node instanceof Y.XmlElement ? node.toArray().map((child) => child.toString()).join("") : node.toString())).join("\n");
}

export type ServerProcess = {
  port: number;
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Kills the process with the signal and waits for it to exit. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

/**
 * Starts `server/collaboration.ts` (the websocket and /api/health, no Next.js) as a child process
 * and waits until it answers.
 */
export async function startCollaborationProcess({ databaseUrl, port, env = {} }: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const listenPort = port ?? (await findFreePort());
  // Otherwise a leftover server on the port would answer the readiness check instead of this one.
  if (await isPortInUse(listenPort)) throw new Error(`Port ${listenPort} is already in use`);
  const root = path.resolve(import.meta.dirname, "..", "..");
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the server in a child process,
  // so a SIGKILL aimed at it would leave the real server running.
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", path.join(root, "server", "collaboration.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(listenPort),
      ACCORD_LISTEN_HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
      ACCORD_DEMO_DATA: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `ws://127.0.0.1:${listenPort}/collab`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`Collaboration server exited:\n${output}`);
        try {
          const response = await fetch(`http://127.0.0.1:${listenPort}/api/health`);
          return response.ok;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, message: "collaboration server to start" },
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    port: listenPort,
    url,
    process: child,
    output: () => output,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A collaboration server in this process on a plain HTTP server (no Next.js), for fast websocket tests. */
export async function startInProcessCollaboration(options: Partial<import("@/lib/collab/server").CollaborationServerOptions> = {}) {
  const { CollaborationServer, isCollaborationRequest } = await import("@/lib/collab/server");
  const http = await import("node:http");
  const collaboration = new CollaborationServer({ allowedOrigins: [], maxMessageBytes: 1024 * 1024, recheckIntervalMs: 30_000, ...options });
  await collaboration.start();
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on("upgrade", (request, socket, head) => {
    if (isCollaborationRequest(request)) collaboration.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    collaboration,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    close: async () => {
      await collaboration.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A message the raw client received, decoded far enough for assertions. */
export type ReceivedMessage = { documentName: string; type: number; syncType?: number; authType?: number; text?: string; awarenessClientIds?: number[]; bytes: Uint8Array };

/**
 * A hand-driven client speaking the Hocuspocus protocol frame by frame, for tests that must send
 * what a well-behaved provider never would.
 */
export class RawCollaborationClient {
  readonly received: ReceivedMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => this.received.push(decodeServerMessage(new Uint8Array(data))));
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string, headers: Record<string, string>, { answersPings = true } = {}): Promise<RawCollaborationClient> {
    const socket = new WebSocket(url, { headers, autoPong: answersPings });
    const client = new RawCollaborationClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    });
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(bytes: Uint8Array | string): void {
    this.socket.send(bytes);
  }

  /** Authenticates for a document and resolves with the scope, or rejects with the refusal reason. */
  async authenticate(documentName: string): Promise<string> {
    const from = this.received.length;
    this.send(authenticationFrame(documentName));
    await waitFor(() => this.received.slice(from).some((message) => message.type === MessageType.Auth), { message: "authentication answer" });
    const answer = this.received.slice(from).find((message) => message.type === MessageType.Auth)!;
    if (answer.authType !== AUTH_AUTHENTICATED) throw new Error(`refused: ${answer.text}`);
    return answer.text ?? "";
  }

  /** Sends sync step 1 with an empty state vector and waits for the server's sync step 2. */
  async sync(documentName: string): Promise<void> {
    const from = this.received.length;
    this.send(emptySyncStep1Frame(documentName));
    await waitFor(() => this.received.slice(from).some((message) => message.type === MessageType.Sync && message.syncType === 1), { message: "sync step 2" });
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Encodes one client frame: the document name, then whatever `write` adds. */
export function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

// Hocuspocus's AuthMessageType (declared in @hocuspocus/common, which is not a dependency of this project's own).
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
export const AUTH_AUTHENTICATED = 2;

/** Authenticates the socket for a document; the session cookie on the upgrade request is what counts. */
export function authenticationFrame(documentName: string): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Auth);
    encoding.writeVarUint(encoder, AUTH_TOKEN);
    encoding.writeVarString(encoder, "session");
  });
}

/** Sync step 1 with an empty state vector: the server answers with the whole document (sync step 2). */
export function emptySyncStep1Frame(documentName: string): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  });
}

/** A sync frame carrying a Yjs update, as sync step 2 (`syncType` 1) or update (2). */
export function syncFrame(documentName: string, syncType: 1 | 2, update: Uint8Array): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/** An awareness frame announcing `state` for `clientId`. */
export function awarenessFrame(documentName: string, clientId: number, state: Record<string, unknown>, clock = 1): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessUpdate(clientId, state, clock));
  });
}

/** An awareness update (y-protocols' encoding) announcing `state` for `clientId` alone. */
export function awarenessUpdate(clientId: number, state: Record<string, unknown>, clock = 1): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** A stateless (5) or broadcast-stateless (6) frame. */
export function statelessFrame(documentName: string, type: MessageType.Stateless | MessageType.BroadcastStateless, payload: string): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, type);
    encoding.writeVarString(encoder, payload);
  });
}

function decodeServerMessage(bytes: Uint8Array): ReceivedMessage {
  const decoder = decoding.createDecoder(bytes);
  const documentName = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const message: ReceivedMessage = { documentName, type, bytes };
  if (type === MessageType.Sync || type === MessageType.SyncReply) message.syncType = decoding.readVarUint(decoder);
  if (type === MessageType.Auth) {
    message.authType = decoding.readVarUint(decoder);
    if (message.authType === AUTH_PERMISSION_DENIED || message.authType === AUTH_AUTHENTICATED) message.text = decoding.readVarString(decoder);
  }
  if (type === MessageType.Stateless || type === MessageType.CLOSE) message.text = decoding.readVarString(decoder);
  if (type === MessageType.Awareness) {
    const awareness = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(awareness);
    message.awarenessClientIds = [];
    for (let index = 0; index < count; index += 1) {
      message.awarenessClientIds.push(decoding.readVarUint(awareness));
      decoding.readVarUint(awareness);
      decoding.readVarString(awareness);
    }
  }
  return message;
}

/** Creates a document whose body is the given paragraphs. */
export async function createTestDocument(database: Database, { workingGroupId, paragraphs = ["Article 1"], kind = "MOU" as const }: {
  workingGroupId: string;
  paragraphs?: string[];
  kind?: "MOU" | "MINUTES" | "OTHER";
}): Promise<{ id: string }> {
  const document = new Y.Doc();
  for (const text of paragraphs) appendParagraph(document, text);
  return database.document.create({
    data: { workingGroupId, kind, title: `Test document ${Date.now()}`, yjsState: Buffer.from(Y.encodeStateAsUpdate(document)) },
    select: { id: true },
  });
}

/**
 * Stores `count` logged updates for a document, each appending a paragraph "line N" to its stored
 * state, as a crash or another instance leaves a long log before anyone folds it.
 */
export async function storeLongLog(database: Database, { documentId, userId, count }: { documentId: string; userId: string; count: number }): Promise<void> {
  const writer = new Y.Doc();
  Y.applyUpdate(writer, new Uint8Array((await database.document.findUniqueOrThrow({ where: { id: documentId }, select: { yjsState: true } })).yjsState!));
  const rows: { documentId: string; userId: string; update: Uint8Array<ArrayBuffer> }[] = [];
  writer.on("update", (update: Uint8Array) => rows.push({ documentId, userId, update: new Uint8Array(update) }));
  for (let index = 0; index < count; index += 1) appendParagraph(writer, `line ${index}`);
  for (let start = 0; start < rows.length; start += 500) await database.documentUpdate.createMany({ data: rows.slice(start, start + 500) });
}

/** The body text of a document as stored (snapshot plus log), read straight from the database. */
export async function storedBodyText(documentId: string): Promise<string> {
  const { loadDocumentState } = await import("@/lib/documents/live-state");
  const loaded = await loadDocumentState(documentId);
  if (!loaded) throw new Error(`No document ${documentId}`);
  const document = new Y.Doc();
  Y.applyUpdate(document, loaded.state);
  return bodyText(document);
}

/**
 * Locks a SQLite database from another process (as a long write elsewhere would), until released,
 * or, with `releaseAfterMs`, until that process releases it by itself (its release time in `released`).
 * The lock must come from another process: SQLite's file locks do not conflict within one process.
 */
export async function lockSqliteDatabase(databaseUrl: string, { releaseAfterMs }: { releaseAfterMs?: number } = {}): Promise<{ release: () => Promise<void>; released: Promise<number> }> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const script = `
    const { DatabaseSync } = require("node:sqlite");
    const database = new DatabaseSync(${JSON.stringify(databaseUrl.replace(/^file:/, ""))});
    database.exec("BEGIN EXCLUSIVE");
    process.stdout.write("locked\\n");
    const release = () => { database.exec("COMMIT"); process.stdout.write("released " + Date.now() + "\\n"); process.exit(0); };
    process.stdin.on("data", release);
    ${releaseAfterMs === undefined ? "" : `setTimeout(release, ${Number(releaseAfterMs)});`}
  `;
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--no-warnings", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => output.includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`lock process exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    release: async () => {
      child.stdin?.write("release\n");
      await exited;
    },
    released: exited.then(() => Number(/released (\d+)/.exec(output)?.[1] ?? Number.NaN)),
  };
}
