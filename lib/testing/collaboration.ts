import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket, type HocuspocusProviderConfiguration } from "@hocuspocus/provider";
import { encode } from "next-auth/jwt";
import { Redis } from "ioredis";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Database } from "@/lib/db";
import { DOCUMENT_FIELD } from "@/components/editor/extensions";

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

/** A ws client class for the provider that presents a cookie (and optionally an Origin), as a browser would. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  };
}

/** A Hocuspocus provider in Node, signed in with the given cookie; `closeClient` tears it down. */
export function connectProvider({ url, documentId, cookie, document = new Y.Doc(), headers = {}, ...options }: {
  url: string;
  documentId: string;
  cookie: string;
  document?: Y.Doc;
  headers?: Record<string, string>;
} & Partial<Omit<HocuspocusProviderConfiguration, "url" | "name" | "document" | "websocketProvider">>): HocuspocusProvider {
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: webSocketWithHeaders({ cookie, ...headers }),
    // Tests reconnect quickly after a server restart.
    delay: 200,
    minDelay: 200,
    maxDelay: 1000,
  });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentId, token: "session", document, ...options });
  provider.attach();
  return provider;
}

/** Destroys a provider and its socket, like closing the tab. */
export function closeClient(provider: HocuspocusProvider): void {
  provider.destroy();
  provider.configuration.websocketProvider.destroy();
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
  const root = path.resolve(import.meta.dirname, "..", "..");
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "server", "collaboration.ts")], {
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
