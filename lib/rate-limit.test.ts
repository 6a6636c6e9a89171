import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { hashPassword } from "@/lib/people/passwords";
import { SIGN_IN_LIMITS, verifyCredentials } from "@/lib/people/sign-in";
import { redisClient } from "@/lib/redis";

// A private Redis that this file stops: the shared one must never go down.
let redisServer: ChildProcess;
let port: number;
let testDatabase: TestDatabase;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: chosen } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return chosen;
}

/** Resolves once the server answers PING; the process needs a moment to open its port. */
async function waitForRedis(redisPort: number): Promise<void> {
  const probe = new Redis(redisPort, "127.0.0.1", { retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on("error", () => {});
  await probe.ping();
  probe.disconnect();
}

beforeAll(async () => {
  port = await freePort();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-redis-"));
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory], { stdio: "ignore" });
  await waitForRedis(port);
  // Set before the first env() call, which caches the configuration for this test file's process.
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  testDatabase = await createSqliteTestDatabase();
});

afterAll(async () => {
  if (redisServer.exitCode === null) redisServer.kill("SIGKILL");
  await testDatabase.drop();
});

describe("sign-in limits with Redis", () => {
  it("count in Redis while it is up, and fall back to a local limiter when it goes down", async () => {
    const email = `outage-${Date.now()}@test.example`;
    await testDatabase.database.user.create({ data: { email, name: "Outage", role: "DELEGATE", organisationCode: "AL", passwordHash: await hashPassword("the right password") } });

    const client = redisClient();
    if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve));
    await expect(verifyCredentials({ email, password: "typo", clientAddress: "192.0.2.1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const inspector = new Redis(port, "127.0.0.1");
    expect(await inspector.get(`accord:sign-in-account:${email}`)).toBe("1");
    inspector.disconnect();

    const exited = new Promise((resolve) => redisServer.once("exit", resolve));
    redisServer.kill("SIGKILL");
    await exited;

    // Sign-in still works while Redis is down...
    expect(await verifyCredentials({ email, password: "the right password", clientAddress: "192.0.2.1" })).toMatchObject({ userId: expect.any(String) });
    // ...and the limit still holds, now counted locally.
    const results: string[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount + 1; attempt++) {
      results.push(await verifyCredentials({ email, password: `guess ${attempt}`, clientAddress: "192.0.2.1" }).then(() => "SIGNED_IN", (error: { code: string }) => error.code));
    }
    expect(results.at(-1)).toBe("RATE_LIMITED");
    expect(results.filter((result) => result === "UNAUTHENTICATED").length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount);
  });
});
