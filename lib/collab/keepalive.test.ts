import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { createTestDocument, RawCollaborationClient, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET } from "@/lib/testing/collaboration";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

// Production: idle after 60 s, pings every 20 s. Scaled down so the test takes seconds.
const IDLE_TIMEOUT_MS = 800;
const PING_INTERVAL_MS = 200;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let observer: Actor;
const clients: RawCollaborationClient[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "RESPA" });
  server = await startInProcessCollaboration({ idleTimeoutMs: IDLE_TIMEOUT_MS, pingIntervalMs: PING_INTERVAL_MS });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  await testDatabase?.drop();
});

async function silentObserver(answersPings: boolean) {
  const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
  const client = await RawCollaborationClient.connect(server.url, { cookie: await sessionCookieFor(testDatabase.database, observer.id) }, { answersPings });
  clients.push(client);
  await client.authenticate(document.id);
  await client.sync(document.id);
  return client;
}

describe("idle sockets", () => {
  test("a silent read-only client stays connected as long as it answers pings", async () => {
    const client = await silentObserver(true);
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 4));
    expect(client.isOpen).toBe(true);
  });

  test("a peer that stops answering is closed as timed out", async () => {
    const client = await silentObserver(false);
    expect((await client.closed).code).toBe(4408);
  });
});
