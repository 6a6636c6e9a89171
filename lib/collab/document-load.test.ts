import { expect, test } from "vitest";
import { MessageType } from "@hocuspocus/server";
import { createTestDocument, RawCollaborationClient, sessionCookieFor } from "@/lib/testing/collaboration";
import { setUpCollaborationFixture } from "@/lib/testing/collaboration-fixture";

/** y-protocols' sync step types, as on the wire. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const fixture = setUpCollaborationFixture({ organisationCode: "AL" });

test("the first person to open a document receives its text once, in the sync, not a second time as an edit", async () => {
  const { id: documentId } = await createTestDocument(fixture.testDatabase.database, { workingGroupId: fixture.testDatabase.workingGroupId, paragraphs: ["Article 1", "Article 2"] });
  const client = await RawCollaborationClient.connect(fixture.server.url, { cookie: await sessionCookieFor(fixture.testDatabase.database, fixture.delegate.id) });
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
