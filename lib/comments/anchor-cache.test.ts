import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactDocumentUpdates } from "@/lib/collab/persistence";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { ANCHOR_CACHE_CAPACITY, anchorCacheStatistics } from "@/lib/comments/anchor-cache";
import { createThread } from "@/lib/comments/create-thread";
import { findThreads } from "@/lib/comments/find-threads";
import { getThread } from "@/lib/comments/get-thread";
import type { Actor } from "@/lib/policy";

// With CI=true a missing PostgreSQL throws here and fails the file instead of skipping.
const hasPostgres = await isPostgresAvailable();

// PostgreSQL may commit log rows out of id order, which the revision must notice as SQLite's single writer never shows.
describe.each([
  { backend: "SQLite", createDatabase: createSqliteTestDatabase, isAvailable: true },
  { backend: "PostgreSQL", createDatabase: createPostgresTestDatabase, isAvailable: hasPostgres },
])("anchors placed by the server, cached by document revision ($backend)", ({ createDatabase, isAvailable }) => {
  let testDatabase: TestDatabase;
  let secretariat: Actor;
  let albania: Actor;
  let observer: Actor;

  beforeAll(async () => {
    if (!isAvailable) return;
    testDatabase = await createDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
    observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
  });
  afterAll(async () => testDatabase?.drop());

  /** A document whose one paragraph reads "Each Participant shall designate a body." with a thread on "shall designate". */
  async function documentWithThread(): Promise<{ documentId: string; threadId: string; editor: Y.Doc }> {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Anchor cache draft" });
    const { id: threadId } = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "shall designate", body: "Too weak." });
    const json: ProseMirrorJson = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { numbered: false },
          content: [
            { type: "text", text: "Each Participant " },
            { type: "text", text: "shall designate", marks: [{ type: "comment", attrs: { threadId } }] },
            { type: "text", text: " a body." },
          ],
        },
      ],
    };
    const state = yjsStateFromJson(json);
    await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(state) } });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, state);
    return { documentId, threadId, editor };
  }

  /** Types into the editor's paragraph and stores the edit in the log, as the collaboration server does. */
  async function typeAndStore(documentId: string, editor: Y.Doc, index: number, text: string) {
    const before = Y.encodeStateVector(editor);
    ((editor.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(index, text);
    await testDatabase.database.documentUpdate.create({ data: { documentId, update: Buffer.from(Y.encodeStateAsUpdate(editor, before)), userId: albania.id } });
  }

  it.skipIf(!isAvailable)("decodes the document once for any number of fetches at one revision, and once more after each new update", async () => {
    const { documentId, threadId, editor } = await documentWithThread();
    const decodes = anchorCacheStatistics.decodes;

    // Thirty panels fetch the changed thread at once after an event, and the list too.
    const fetched = await Promise.all([
      ...Array.from({ length: 30 }, () => getThread({ actor: observer, documentId, threadId })),
      findThreads({ actor: observer, documentId }).then((threads) => threads[0]!),
    ]);
    expect(fetched.every((thread) => thread.anchoredText === "shall designate" && thread.position === "Each Participant ".length)).toBe(true);
    for (let index = 0; index < 10; index++) await getThread({ actor: albania, documentId, threadId });
    expect(anchorCacheStatistics.decodes).toBe(decodes + 1);

    // Someone types inside the passage: a new revision, decoded once, and the anchor follows the words.
    await typeAndStore(documentId, editor, "Each Participant shall ".length, "promptly ");
    const after = await Promise.all(Array.from({ length: 30 }, () => getThread({ actor: observer, documentId, threadId })));
    expect(after.map((thread) => thread.anchoredText)).toEqual(Array(30).fill("shall promptly designate"));
    expect(anchorCacheStatistics.decodes).toBe(decodes + 2);

    // Folding the log into the document changes nothing anyone reads (it costs one decode at most).
    await compactDocumentUpdates({ documentId });
    expect((await getThread({ actor: observer, documentId, threadId })).anchoredText).toBe("shall promptly designate");
    await getThread({ actor: observer, documentId, threadId });
    expect(anchorCacheStatistics.decodes).toBeLessThanOrEqual(decodes + 3);

    // A client that places anchors itself costs no decode at all, even at a new revision.
    await typeAndStore(documentId, editor, 0, "Firstly, ");
    const counted = anchorCacheStatistics.decodes;
    await getThread({ actor: observer, documentId, threadId, anchors: "client" });
    await findThreads({ actor: observer, documentId, anchors: "client" });
    expect(anchorCacheStatistics.decodes).toBe(counted);
  });

  it.skipIf(!isAvailable)("keeps a bounded number of documents, dropping the one used longest ago", async () => {
    const documents = [];
    for (let index = 0; index <= ANCHOR_CACHE_CAPACITY; index++) documents.push(await documentWithThread());
    const [first, second, ...rest] = documents;
    for (const { documentId, threadId } of [first!, second!]) await getThread({ actor: observer, documentId, threadId });
    // The first is used again, so the second is now the one used longest ago.
    await getThread({ actor: observer, documentId: first!.documentId, threadId: first!.threadId });
    for (const { documentId, threadId } of rest) await getThread({ actor: observer, documentId, threadId });

    const decodes = anchorCacheStatistics.decodes;
    await getThread({ actor: observer, documentId: first!.documentId, threadId: first!.threadId });
    expect(anchorCacheStatistics.decodes).toBe(decodes);
    await getThread({ actor: observer, documentId: second!.documentId, threadId: second!.threadId });
    expect(anchorCacheStatistics.decodes).toBe(decodes + 1);
  });
});
