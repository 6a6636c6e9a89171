import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { closeClient, connectProvider, createTestDocument, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor, waitForSaved } from "@/lib/testing/collaboration";
import { CLOSE_CODES } from "@/lib/collab/protocol";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

// Production re-checks every 30 s (ACCORD_COLLAB_RECHECK_SECONDS); a short interval keeps the test quick.
const RECHECK_INTERVAL_MS = 300;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  server = await startInProcessCollaboration({ recheckIntervalMs: RECHECK_INTERVAL_MS });
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function openDocumentAs(actor: Actor) {
  const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
  const closes: number[] = [];
  const client = connectProvider({
    url: server.url,
    documentId: document.id,
    cookie: await sessionCookieFor(testDatabase.database, actor.id),
    onClose: ({ event }) => closes.push(event.code),
  });
  clients.push(client);
  await waitForSaved(client);
  return { client, closes };
}

describe("open sockets follow account changes", () => {
  test("deactivating a delegate closes their open socket as unauthenticated", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "BA" });
    const { client, closes } = await openDocumentAs(delegate);
    expect(client.authorizedScope).toBe("read-write");

    await testDatabase.database.user.update({ where: { id: delegate.id }, data: { isActive: false, deactivatedAt: new Date() } });
    const deactivatedAt = Date.now();
    await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 5_000, message: "socket to close" });
    expect(Date.now() - deactivatedAt).toBeLessThan(RECHECK_INTERVAL_MS * 4);
    expect(client.isAuthenticated).toBe(false);
  });

  test("signing out elsewhere ends the socket's session", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "XK" });
    const { closes } = await openDocumentAs(delegate);
    await testDatabase.database.authSession.updateMany({ where: { userId: delegate.id }, data: { revokedAt: new Date() } });
    await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 5_000, message: "socket to close" });
  });

  test("a delegate made observer is reconnected read-only", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
    const { client, closes } = await openDocumentAs(delegate);
    expect(client.authorizedScope).toBe("read-write");

    await testDatabase.database.user.update({ where: { id: delegate.id }, data: { role: "OBSERVER" } });
    await waitFor(() => closes.includes(CLOSE_CODES.accessChanged), { timeoutMs: 5_000, message: "socket to close" });
    await waitFor(() => client.isAuthenticated && client.authorizedScope === "readonly", { timeoutMs: 10_000, message: "read-only reconnection" });
  });
});
