import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/lib/database/prepare";

/**
 * Accord's one process: Next.js pages and API routes, and (on the same port, under /collab)
 * the collaboration websocket, so the browser's session cookie authenticates both.
 */
async function main() {
  const config = env();
  // Telemetry would try to reach the internet on every start.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  // Without a fixed public URL, next-auth derives it from the request's Host header.
  if (!config.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXTAUTH_SECRET = config.NEXTAUTH_SECRET;

  const { migrationsApplied, seeded } = await prepareDatabase();
  if (migrationsApplied.length) console.log(`Applied migrations: ${migrationsApplied.join(", ")}`);
  if (seeded) console.log("Seeded demo data (password for every demo account: accord-demo)");

  const isDevelopment = config.NODE_ENV !== "production";
  const app = next({ dev: isDevelopment, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();

  const server = http.createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      console.error("Request failed", error);
      if (!response.headersSent) response.writeHead(500).end("Internal error");
    });
  });
  server.on("upgrade", (request, socket, head) => {
    handleNextUpgrade(request, socket, head);
  });

  server.listen(config.PORT, config.ACCORD_LISTEN_HOST, () => {
    console.log(`Accord ready on http://localhost:${config.PORT} (${config.databaseKind}${config.REDIS_URL ? " + redis" : ""})`);
  });

  const shutDown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
