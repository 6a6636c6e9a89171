import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { closeClient, connectProvider, createTestDocument, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor, waitForSaved } from "@/lib/testing/collaboration";
import { CLOSE_CODES } from "@/lib/collab/protocol";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

// The changes below are written straight to the database, as another process or a database
// administrator would: no access change is published, so only a re-check can notice them.
// The main server's timer never fires during these tests (production: every 30 s,
// ACCORD_COLLAB_RECHECK_SECONDS); each test runs the re-check itself, so the close it sees is that
// re-check's doing. The timer itself has a test of its own, on a server with a short interval.
const NEVER_DURING_THE_TESTS_MS = 600_000;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  server = await startInProcessCollaboration({ recheckIntervalMs: NEVER_DURING_THE_TESTS_MS });
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function openDocumentAs(actor: Actor, on = server) {
  const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
  const closes: number[] = [];
  const client = connectProvider({
    url: on.url,
    documentId: document.id,
    cookie: await sessionCookieFor(testDatabase.database, actor.id),
    onClose: ({ event }) => closes.push(event.code),
  });
  clients.push(client);
  await waitForSaved(client);
  return { client, closes };
}

describe("a re-check brings open sockets in line with account changes", () => {
  test("deactivating a delegate closes their open socket as unauthenticated", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "BA" });
    const { client, closes } = await openDocumentAs(delegate);
    expect(client.authorizedScope).toBe("read-write");

    await testDatabase.database.user.update({ where: { id: delegate.id }, data: { isActive: false, deactivatedAt: new Date() } });
    // Nothing has re-checked yet, so the socket is still open: the close below is the re-check's.
    expect(closes).toEqual([]);
    await server.collaboration.recheckSockets();
    await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 5_000, message: "socket to close" });
    expect(client.isAuthenticated).toBe(false);
  });

  test("signing out elsewhere ends the socket's session", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "XK" });
    const { closes } = await openDocumentAs(delegate);
    await testDatabase.database.authSession.updateMany({ where: { userId: delegate.id }, data: { revokedAt: new Date() } });
    expect(closes).toEqual([]);
    await server.collaboration.recheckSockets();
    await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 5_000, message: "socket to close" });
  });

  test("a delegate made observer is reconnected read-only", async () => {
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
    const { client, closes } = await openDocumentAs(delegate);
    expect(client.authorizedScope).toBe("read-write");

    await testDatabase.database.user.update({ where: { id: delegate.id }, data: { role: "OBSERVER" } });
    expect(closes).toEqual([]);
    await server.collaboration.recheckSockets();
    await waitFor(() => closes.includes(CLOSE_CODES.accessChanged), { timeoutMs: 5_000, message: "socket to close" });
    await waitFor(() => client.isAuthenticated && client.authorizedScope === "readonly", { timeoutMs: 10_000, message: "read-only reconnection" });
  });
});

describe("the server re-checks open sockets by itself", () => {
  test("at its interval, with no one asking: a deactivated delegate's socket closes", async () => {
    const periodic = await startInProcessCollaboration({ recheckIntervalMs: 200 });
    try {
      const recheckRounds = vi.spyOn(periodic.collaboration, "recheckSockets");
      const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
      const { closes } = await openDocumentAs(delegate, periodic);
      await testDatabase.database.user.update({ where: { id: delegate.id }, data: { isActive: false, deactivatedAt: new Date() } });
      const roundsBeforeTheChange = recheckRounds.mock.calls.length;
      await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 10_000, message: "socket to close" });
      // Closed by a round the timer started after the change (nothing else re-checks on this server).
      expect(recheckRounds.mock.calls.length).toBeGreaterThan(roundsBeforeTheChange);
    } finally {
      await periodic.close();
    }
  });
});
