import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDatabase, installDatabase, type Database } from "@/lib/db";
import { checkHealth, healthHttpStatus } from "@/lib/health";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";

/**
 * A TCP proxy in front of PostgreSQL that can start holding traffic: connections stay open and
 * accepted, but nothing goes through in either direction, as a hung server or a black-holed
 * network behaves (no reset, so nothing fails by itself).
 */
async function startHoldingProxy(target: { host: string; port: number }) {
  let isHolding = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("error", () => undefined);
    client.on("close", () => sockets.delete(client));
    if (isHolding) return;
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => sockets.delete(upstream));
    client.on("data", (chunk) => isHolding || upstream.write(chunk));
    upstream.on("data", (chunk) => isHolding || client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    hold: () => (isHolding = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const hasPostgres = await isPostgresAvailable();
let testDatabase: TestDatabase;
let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
let throughProxy: Database;

beforeAll(async () => {
  if (!hasPostgres) return;
  testDatabase = await createPostgresTestDatabase();
  const target = new URL(testDatabase.url);
  proxy = await startHoldingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(testDatabase.url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  throughProxy = createDatabase(proxied.toString(), { queryTimeoutMs: 2_000 });
  installDatabase(throughProxy);
});

afterAll(async () => {
  await proxy?.close();
  await throughProxy?.$disconnect().catch(() => undefined);
  await testDatabase?.drop();
});

describe.runIf(hasPostgres)("when PostgreSQL stops answering without resetting connections", () => {
  test("queries fail instead of waiting for ever, and /api/health reports the database unreachable", async () => {
    expect(await throughProxy.organisation.count()).toBeGreaterThan(0);
    const healthy = await checkHealth();
    expect(healthy.database.status).toBe("ok");
    expect(healthHttpStatus(healthy)).toBe(200);

    proxy.hold();
    // A pooled connection that went silent, and a new connection that never completes, both end in an error.
    await expect(throughProxy.organisation.count()).rejects.toThrow();
    await expect(Promise.all([throughProxy.user.count(), throughProxy.document.count(), throughProxy.meeting.count()])).rejects.toThrow();

    const health = await checkHealth();
    expect(health.status).toBe("down");
    expect(health.database).toMatchObject({ status: "down", error: expect.stringContaining("slow or unreachable") });
    expect(healthHttpStatus(health)).toBe(503);
  }, 60_000);
});
