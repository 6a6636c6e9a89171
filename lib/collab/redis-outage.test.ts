import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  findFreePort,
  sessionCookieFor,
  startCollaborationProcess,
  storedBodyText,
  waitFor,
  waitForSaved,
  type ServerProcess,
} from "@/lib/testing/collaboration";
import { parseLiveUpdatesMessage, type LiveUpdatesMessage } from "@/lib/collab/live-updates";
import type { HealthReport } from "@/lib/health";

/**
 * A Redis of this test's own on a free port, so it can be stopped and started again without
 * touching the machine's shared one. Nothing is persisted: it comes back empty, as after a crash.
 */
class PrivateRedis {
  private process: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    this.process = null;
  }
}

const hasPostgres = await isPostgresAvailable();
let testDatabase: TestDatabase;
let redis: PrivateRedis;
const servers: ServerProcess[] = [];
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  if (!hasPostgres) return;
  testDatabase = await createPostgresTestDatabase();
  redis = new PrivateRedis(await findFreePort());
  await redis.start();
  const environment = { REDIS_URL: redis.url };
  servers.push(...(await Promise.all([startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment }), startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment })])));
}, 120_000);

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await Promise.all(servers.map((server) => server.kill()));
  await redis?.stop();
  await testDatabase?.drop();
});

async function health(server: ServerProcess): Promise<{ httpStatus: number; report: HealthReport }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/health`);
  return { httpStatus: response.status, report: (await response.json()) as HealthReport };
}

describe.runIf(hasPostgres)("when Redis goes away and comes back", () => {
  test("health says so, both instances keep loading and saving, editors are told, and documents converge without a new edit", async () => {
    const albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL", name: "Arta on instance one" });
    const serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS", name: "Stefan on instance two" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Shared draft"] });
    const notYetOpen = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Annex"] });

    const notices: Record<string, LiveUpdatesMessage["status"][]> = { one: [], two: [] };
    const listenAs = (name: "one" | "two") => ({ payload }: { payload: string }) => {
      const message = parseLiveUpdatesMessage(payload);
      if (message) notices[name].push(message.status);
    };
    const onOne = connectProvider({ url: servers[0].url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, albania.id), onStateless: listenAs("one") });
    const onTwo = connectProvider({ url: servers[1].url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, serbia.id), onStateless: listenAs("two") });
    clients.push(onOne, onTwo);
    await Promise.all([waitForSaved(onOne), waitForSaved(onTwo)]);
    appendParagraph(onOne.document, "Before the outage");
    await waitFor(() => bodyText(onTwo.document).includes("Before the outage"), { message: "edit to cross through Redis" });
    expect(await health(servers[0])).toMatchObject({ httpStatus: 200, report: { status: "ok", redis: { status: "ok" } } });

    await redis.stop();

    // Health: Redis down, the instance still serving (200) because it still loads and saves.
    for (const server of servers) {
      await waitFor(async () => (await health(server)).report.redis.status === "down", { timeoutMs: 15_000, message: "health to report Redis down" });
      expect(await health(server)).toMatchObject({ httpStatus: 200, report: { status: "degraded", database: { status: "ok" } } });
    }
    // Both editors are told that live updates from the other instance are paused.
    await waitFor(() => notices.one.at(-1) === "paused" && notices.two.at(-1) === "paused", { timeoutMs: 15_000, message: "paused notices" });

    // Both keep saving.
    appendParagraph(onOne.document, "During the outage, on one");
    appendParagraph(onTwo.document, "During the outage, on two");
    await Promise.all([waitForSaved(onOne), waitForSaved(onTwo)]);
    expect(bodyText(onTwo.document)).not.toContain("During the outage, on one");

    // A document nobody had open loads from the database alone, and its editor is told too.
    const annexNotices: string[] = [];
    const annex = connectProvider({
      url: servers[0].url,
      documentId: notYetOpen.id,
      cookie: await sessionCookieFor(testDatabase.database, albania.id),
      onStateless: ({ payload }) => annexNotices.push(parseLiveUpdatesMessage(payload)?.status ?? ""),
    });
    clients.push(annex);
    await waitForSaved(annex, 15_000);
    expect(bodyText(annex.document)).toBe("Annex");
    await waitFor(() => annexNotices.includes("paused"), { message: "paused notice for a new editor" });

    await redis.start();

    // Nobody types: the instances re-synchronise by themselves.
    const expected = ["Shared draft", "Before the outage", "During the outage, on one", "During the outage, on two"];
    await waitFor(() => expected.every((line) => bodyText(onOne.document).includes(line) && bodyText(onTwo.document).includes(line)), {
      timeoutMs: 30_000,
      message: "both instances to converge after Redis returns",
    });
    expect(bodyText(onOne.document)).toBe(bodyText(onTwo.document));
    await waitFor(() => notices.one.at(-1) === "resumed" && notices.two.at(-1) === "resumed", { message: "resumed notices" });
    for (const server of servers) {
      await waitFor(async () => (await health(server)).report.status === "ok", { timeoutMs: 15_000, message: "health to recover" });
    }
    // Each edit was stored once, by the instance that received it.
    expect((await storedBodyText(document.id)).split("\n").sort()).toEqual([...expected].sort());

    // And live editing across instances works again.
    appendParagraph(onTwo.document, "After the outage");
    await waitFor(() => bodyText(onOne.document).includes("After the outage"), { message: "edit to cross after recovery" });
  }, 180_000);
});
