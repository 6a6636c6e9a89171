import http from "node:http";
import type { AddressInfo } from "node:net";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/lib/database/prepare";
import { checkHealth, healthHttpStatus } from "@/lib/health";
import { isCollaborationRequest, startCollaborationServerFromEnvironment } from "@/lib/collab/server";
import { startNotificationWorker } from "@/lib/notifications/start-notification-worker";
import { installProcessGuards } from "@/server/process-guards";
import { stampClientHeaders } from "@/lib/client-address";

/**
 * Accord's one process: Next.js pages and API routes, and (on the same port, under /collab)
 * the collaboration websocket, so the browser's session cookie authenticates both.
 * Without Next.js (`withNext: false`) it serves only the websocket and /api/health, which is
 * what the websocket tests and the benchmark start: no production build needed.
 * Resolves once the server listens.
 */
export async function startAccordServer({ withNext }: { withNext: boolean }): Promise<http.Server> {
  const config = env();
  // Telemetry would try to reach the internet on every start.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  // Without a fixed public URL, next-auth derives it from the request's Host header.
  if (!config.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXTAUTH_SECRET = config.NEXTAUTH_SECRET;
  if (config.NODE_ENV === "production" && !config.NEXTAUTH_URL) {
    console.warn(
      "[accord] NEXTAUTH_URL is not set: links in calendar files, subscriptions and invitations follow each request's Host header" +
        (config.ACCORD_TRUSTED_PROXIES ? " (X-Forwarded-Host from the trusted proxy)" : "") +
        ". Set NEXTAUTH_URL to the public URL, e.g. https://accord.rcc.int.",
    );
  }

  const { migrationsApplied, seeded } = await prepareDatabase();
  if (migrationsApplied.length) console.log(`Applied migrations: ${migrationsApplied.join(", ")}`);
  if (seeded) console.log("Seeded demo data (password for every demo account: accord-demo)");

  const collaboration = await startCollaborationServerFromEnvironment();
  const next = withNext ? await startNext(config.NODE_ENV !== "production", config.PORT) : null;
  // Emails and reminders are the app's; the collaboration-only server (tests, benchmark) sends none.
  const stopNotifications = withNext ? startNotificationWorker() : () => {};

  const server = http.createServer((request, response) => {
    // Before Next.js: sign-in limits, CSRF checks and HSTS read the client from these headers only.
    stampClientHeaders(request, config.ACCORD_TRUSTED_PROXIES);
    const handle = next ? next.handleRequest(request, response) : handleHealthOnly(request, response);
    handle.catch((error: unknown) => {
      console.error("Request failed", error);
      if (!response.headersSent) response.writeHead(500).end("Internal error");
    });
  });
  // An idle keep-alive connection outlives a reverse proxy's (60 s is common): otherwise the server
  // may close one just as the proxy or a client reuses it, and that request fails with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("upgrade", (request, socket, head) => {
    if (isCollaborationRequest(request)) collaboration.handleUpgrade(request, socket, head);
    else if (next) next.handleUpgrade(request, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.ACCORD_LISTEN_HOST, resolve);
  });
  const mode = withNext ? "" : ", collaboration only";
  console.log(`Accord ready on http://localhost:${(server.address() as AddressInfo).port} (${config.databaseKind}${config.REDIS_URL ? " + redis" : ""}${mode})`);

  const stopAcceptingWork = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would otherwise hold close() open.
    server.closeIdleConnections();
  });
  installProcessGuards({ stopAcceptingWork, releaseResources: () => collaboration.destroy() });

  // Exits once the server no longer listens and the collaboration server has closed (its compactions
  // under way finished), or after 5 s whatever is left.
  const shutDown = () => {
    stopNotifications();
    const collaborationClosed = collaboration.destroy().catch((error: unknown) => console.error("Collaboration shutdown failed", error));
    void Promise.all([stopAcceptingWork(), collaborationClosed]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
  return server;
}

async function startNext(isDevelopment: boolean, port: number) {
  const { default: next } = await import("next");
  const app = next({ dev: isDevelopment, hostname: "localhost", port });
  await app.prepare();
  return { handleRequest: app.getRequestHandler(), handleUpgrade: app.getUpgradeHandler() };
}

async function handleHealthOnly(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.url !== "/api/health") {
    response.writeHead(404).end("Not found");
    return;
  }
  const health = await checkHealth();
  response.writeHead(healthHttpStatus(health), { "Content-Type": "application/json" }).end(JSON.stringify(health));
}
