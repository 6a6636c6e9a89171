import { afterAll, beforeAll, expect, test } from "vitest";
import { MessageType } from "@hocuspocus/server";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { createTestDocument, RawCollaborationClient, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

/** y-protocols' sync step types, as on the wire. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegate: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  server = await startInProcessCollaboration();
});

afterAll(async () => {
  await server?.close();
  await testDatabase?.drop();
});

test("the first person to open a document receives its text once, in the sync, not a second time as an edit", async () => {
  const { id: documentId } = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Article 1", "Article 2"] });
  const client = await RawCollaborationClient.connect(server.url, { cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
  try {
    // Authenticating opens (loads) the document; the sync that follows carries its whole text.
    await client.authenticate(documentId);
    await client.sync(documentId);
    // A second round trip: the server sends one socket's messages in order, so whatever it sent
    // after loading the document has arrived once this answer has.
    await client.sync(documentId);
    const syncMessages = client.received.filter((message) => message.type === MessageType.Sync);
    expect(syncMessages.filter((message) => message.syncType === SYNC_STEP_2)).toHaveLength(2);
    // The text loaded from the database is nobody's edit: relaying it would send the whole document again.
    expect(syncMessages.filter((message) => message.syncType === SYNC_UPDATE)).toEqual([]);
  } finally {
    client.close();
  }
});
