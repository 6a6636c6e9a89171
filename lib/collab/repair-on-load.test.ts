import { expect, test } from "vitest";
import * as Y from "yjs";
import { readYjsState, yjsStateFromJson } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { closeClient, connectProvider, sessionCookieFor, waitFor } from "@/lib/testing/collaboration";
import { setUpCollaborationFixture } from "@/lib/testing/collaboration-fixture";

const fixture = setUpCollaborationFixture({ organisationCode: "AL" });

test("a document stored invalid is repaired when it is opened, so the editor can read it, and the repair is audited", async () => {
  // As the attack left it: a bare text node at the top of the body, which the editor cannot read.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, yjsStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Article 1 stays." }] }] }));
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [new Y.XmlText("Stray words")]);
  expect(readYjsState(Y.encodeStateAsUpdate(doc)).repairs.length).toBeGreaterThan(0);
  const { id: documentId } = await fixture.testDatabase.database.document.create({
    data: { workingGroupId: fixture.testDatabase.workingGroupId, kind: "MOU", title: "Broken by a raw client", yjsState: Buffer.from(Y.encodeStateAsUpdate(doc)) },
    select: { id: true },
  });

  const received = new Y.Doc();
  const provider = connectProvider({ url: fixture.server.url, documentId, cookie: await sessionCookieFor(fixture.testDatabase.database, fixture.delegate.id), document: received });
  try {
    await waitFor(() => provider.isSynced, { message: "synced" });
    // What the editor receives now fits the schema, with every word kept.
    const read = readYjsState(Y.encodeStateAsUpdate(received));
    expect(read.repairs).toEqual([]);
    expect(JSON.stringify(read.json)).toContain("Stray words");
    expect(JSON.stringify(read.json)).toContain("Article 1 stays.");
  } finally {
    closeClient(provider);
  }
  // Stored: the repair is in the log, and later readers see a valid document without repairing again.
  const stored = await loadDocumentState(documentId);
  expect(readYjsState(stored!.state).repairs).toEqual([]);
  const events = await fixture.testDatabase.database.auditEvent.findMany({ where: { targetId: documentId, action: "document.repaired" } });
  expect(events).toHaveLength(1);
  expect(JSON.parse(events[0].data).repairs.length).toBeGreaterThan(0);
});
