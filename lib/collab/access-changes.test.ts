import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { Redis } from "ioredis";
import * as Y from "yjs";
import { revokeAuthSession } from "@/lib/auth/session";
import { readYjsState } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { approveMinutes } from "@/lib/meetings/approve-minutes";
import { deactivateUser } from "@/lib/people/accounts";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  closeClient,
  connectProvider,
  createTestDocument,
  isRedisAvailable,
  RawCollaborationClient,
  REDIS_TEST_URL,
  sessionCookieFor,
  startCollaborationProcess,
  startInProcessCollaboration,
  storedBodyText,
  syncFrame,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
  type ServerProcess,
} from "@/lib/testing/collaboration";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";
import { CLOSE_CODES } from "@/lib/collab/protocol";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
// Read by lib/env.ts on first use (after this line): the verbs publish access changes through Redis.
const hasServices = (await isPostgresAvailable()) && (await isRedisAvailable());
if (hasServices) process.env.REDIS_URL = REDIS_TEST_URL;

// Far longer than any test here waits: every effect below comes from the published change.
const RECHECK_INTERVAL_MS = 600_000;

afterAll(() => {
  // The bus's shared Redis connection would keep the worker alive.
  (globalThis as unknown as { accordRedis?: Redis }).accordRedis?.disconnect();
});

/** An update appending a paragraph to the document as stored. */
async function appendedToStored(documentId: string, text: string): Promise<Uint8Array> {
  const document = new Y.Doc();
  Y.applyUpdate(document, (await loadDocumentState(documentId))!.state);
  const before = Y.encodeStateVector(document);
  appendParagraph(document, text);
  return Y.encodeStateAsUpdate(document, before);
}

describe("access changes reach open sockets at once (one instance)", () => {
  let testDatabase: TestDatabase;
  let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
  let secretariat: Actor;
  let delegate: Actor;
  const rawClients: RawCollaborationClient[] = [];

  beforeAll(async () => {
    testDatabase = await createSqliteTestDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
    server = await startInProcessCollaboration({ recheckIntervalMs: RECHECK_INTERVAL_MS });
  });
  afterAll(async () => {
    for (const client of rawClients) client.close();
    await server?.close();
    await testDatabase?.drop();
  });

  async function rawClient(actor: Actor, documentId: string, cookie?: string) {
    const client = await RawCollaborationClient.connect(server.url, { cookie: cookie ?? (await sessionCookieFor(testDatabase.database, actor.id)) });
    rawClients.push(client);
    expect(await client.authenticate(documentId)).toBe("read-write");
    await client.sync(documentId);
    return client;
  }

  test("a delegate cannot store a single update in minutes once approve returns, and the approved text's digest is recorded", async () => {
    const minutes = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, kind: "MINUTES", paragraphs: ["Minutes"] });
    const meeting = await testDatabase.database.meeting.create({
      data: { workingGroupId: testDatabase.workingGroupId, title: "Meeting", startsAt: new Date("2026-05-04T09:00:00Z"), endsAt: new Date("2026-05-04T10:00:00Z"), format: "ONLINE", createdById: secretariat.id, minutesDocumentId: minutes.id, minutesStatus: "CIRCULATED" },
      select: { id: true },
    });
    const writer = await rawClient(delegate, minutes.id);
    writer.send(syncFrame(minutes.id, 2, await appendedToStored(minutes.id, "Before approval")));
    await waitFor(async () => (await storedBodyText(minutes.id)).includes("Before approval"), { message: "edit before approval stored" });

    const { digest } = await approveMinutes({ actor: secretariat, meetingId: meeting.id });
    writer.send(syncFrame(minutes.id, 2, await appendedToStored(minutes.id, "After approval")));
    expect((await writer.closed).code).toBe(CLOSE_CODES.accessChanged);
    expect(await storedBodyText(minutes.id)).toBe("Minutes\nBefore approval");

    const stored = readYjsState((await loadDocumentState(minutes.id))!.state).json;
    expect(digest).toBe(digestOfContent(canonicalContentFromJson(stored)));
    const row = await testDatabase.database.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { minutesApprovedDigest: true } });
    expect(row.minutesApprovedDigest).toBe(digest);
    const audit = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { action: "minutes.approved", targetId: meeting.id }, select: { data: true } });
    expect(JSON.parse(audit.data)).toMatchObject({ digest });

    // Reconnecting gives read-only access.
    const again = await RawCollaborationClient.connect(server.url, { cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
    rawClients.push(again);
    expect(await again.authenticate(minutes.id)).toBe("readonly");
  });

  test("signing out closes that session's socket at once, and only that one", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    const signedOut = await testDatabase.database.authSession.create({ data: { userId: delegate.id, expiresAt: new Date(Date.now() + 3600_000) }, select: { id: true } });
    const { encode } = await import("next-auth/jwt");
    const cookie = `next-auth.session-token=${await encode({ token: { sessionId: signedOut.id }, secret: TEST_NEXTAUTH_SECRET })}`;
    const leaving = await rawClient(delegate, document.id, cookie);
    const staying = await rawClient(delegate, document.id);

    await revokeAuthSession(signedOut.id);
    expect((await leaving.closed).code).toBe(CLOSE_CODES.unauthenticated);
    expect(staying.isOpen).toBe(true);
  });
});

describe.runIf(hasServices)("access changes reach every instance through Redis", () => {
  let testDatabase: TestDatabase;
  const servers: ServerProcess[] = [];
  const clients: HocuspocusProvider[] = [];

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    const environment = { REDIS_URL: REDIS_TEST_URL, ACCORD_COLLAB_RECHECK_SECONDS: "60" };
    servers.push(...(await Promise.all([startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment }), startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment })])));
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) closeClient(client);
    await Promise.all(servers.map((server) => server.kill()));
    await testDatabase?.drop();
  });

  test("deactivating a delegate closes their sockets on the other instance without waiting for the re-check", async () => {
    const secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "BA" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Shared"] });
    const closes: number[] = [];
    const onTwo = connectProvider({ url: servers[1].url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegate.id), onClose: ({ event }) => closes.push(event.code) });
    clients.push(onTwo);
    await waitForSaved(onTwo);
    // The instances subscribe when they start; this one has a socket and Redis delivers to it.
    await deactivateUser({ actor: secretariat, userId: delegate.id });
    // Well within the 60 s periodic re-check: only the published change can close it this soon.
    await waitFor(() => closes.includes(CLOSE_CODES.unauthenticated), { timeoutMs: 15_000, message: "socket on the other instance to close" });
  });
});
