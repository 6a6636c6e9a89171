import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/policy";
import { announceDocumentOpening } from "@/lib/realtime/document-openings";
import { createTestActor } from "@/lib/testing/actors";
import { bodyText, closeClient, connectProvider, createTestDocument, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import type { CollaborationEvent } from "@/lib/collab/server";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegate: Actor;
const logged: { event: CollaborationEvent; details: Record<string, unknown> }[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  server = await startInProcessCollaboration({ preloadHoldMs: 400, log: (event, details) => logged.push({ event, details }) });
});

afterAll(async () => {
  await server?.close();
  await testDatabase?.drop();
});

const isOpen = (documentId: string) => server.collaboration.hocuspocus.documents.has(documentId);

test("a document whose page is on its way is loaded before the editor's socket asks for it, and stays open for it", async () => {
  const { id: documentId } = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Article 1", "Article 2"] });
  announceDocumentOpening(documentId);
  await waitFor(() => isOpen(documentId), { message: "the document to be loaded without a socket" });

  const provider = connectProvider({ url: server.url, documentId, cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
  try {
    await waitFor(() => provider.isSynced, { message: "the editor to sync" });
    expect(bodyText(provider.document)).toBe("Article 1\nArticle 2");
  } finally {
    closeClient(provider);
  }
  // Held only until the socket came: once its person leaves, the document is let go as usual.
  await waitFor(() => !isOpen(documentId), { message: "the document to be unloaded after its only person left" });
});

test("a loaded document nobody connects to is let go after a while; an unknown one is not loaded at all", async () => {
  const { id: documentId } = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
  announceDocumentOpening(documentId);
  await waitFor(() => isOpen(documentId), { message: "the document to be loaded" });
  await waitFor(() => !isOpen(documentId), { message: "the unclaimed document to be let go" });

  announceDocumentOpening("no-such-document");
  await waitFor(() => logged.some(({ event, details }) => event === "preload-failed" && details.documentName === "no-such-document"), { message: "the failed preload to be logged" });
  expect(isOpen("no-such-document")).toBe(false);
});
