import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as Y from "yjs";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { appendParagraph, bodyText, createTestDocument, storedBodyText } from "@/lib/testing/collaboration";
import { appendDocumentUpdate, compactDocumentUpdates, foldDocumentLog, isUpdateAlreadyApplied, storeFoldedLog } from "@/lib/collab/persistence";
import { db } from "@/lib/db";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import type { Actor } from "@/lib/policy";

let testDatabase: TestDatabase;
let delegate: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "MK" });
});

afterAll(async () => {
  await testDatabase?.drop();
});

/** A server-side copy and a client that starts from the same state. */
function serverAndClient(paragraphs: string[]) {
  const server = new Y.Doc();
  for (const text of paragraphs) appendParagraph(server, text);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function nextUpdate(document: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | undefined;
  const handle = (update: Uint8Array) => (captured = update);
  document.on("update", handle);
  change();
  document.off("update", handle);
  if (!captured) throw new Error("no update");
  return captured;
}

describe("isUpdateAlreadyApplied", () => {
  test("tells new content from content the server already has", () => {
    const { server, client } = serverAndClient(["One", "Two"]);
    const insertion = nextUpdate(client, () => appendParagraph(client, "Three"));
    expect(isUpdateAlreadyApplied(server, insertion)).toBe(false);
    Y.applyUpdate(server, insertion);
    expect(isUpdateAlreadyApplied(server, insertion)).toBe(true);
  });

  test("tells a new deletion from one already applied", () => {
    const { server, client } = serverAndClient(["Keep", "Remove"]);
    const deletion = nextUpdate(client, () => client.getXmlFragment(DOCUMENT_FIELD).delete(1, 1));
    expect(isUpdateAlreadyApplied(server, deletion)).toBe(false);
    Y.applyUpdate(server, deletion);
    expect(isUpdateAlreadyApplied(server, deletion)).toBe(true);
    expect(bodyText(server)).toBe("Keep");
  });

  test("an up-to-date client's sync step 2 (its whole delete set) changes nothing", () => {
    const { server, client } = serverAndClient(["A", "B", "C"]);
    Y.applyUpdate(server, nextUpdate(client, () => client.getXmlFragment(DOCUMENT_FIELD).delete(0, 2)));
    const syncStep2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(isUpdateAlreadyApplied(server, syncStep2)).toBe(true);
  });

  test("throws on bytes that are not a Yjs update", () => {
    const { server } = serverAndClient(["A"]);
    expect(() => isUpdateAlreadyApplied(server, new Uint8Array([3, 9, 250, 250, 250, 250, 250, 1, 7]))).toThrow();
  });
});

describe("the update log", () => {
  test("a commit starts after the turn that queued it, so the relay Hocuspocus scheduled in that turn goes out first", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
    const write = vi.spyOn(db(), "$executeRaw");
    try {
      let hadCommitStartedAtRelay: boolean | null = null;
      const client = new Y.Doc();
      const committed = appendDocumentUpdate({ documentId: document.id, userId: delegate.id, update: nextUpdate(client, () => appendParagraph(client, "Relayed first")) });
      // As Hocuspocus does when it applies an update that beforeSync has queued: it relays from a callback of this turn.
      setImmediate(() => (hadCommitStartedAtRelay = write.mock.calls.length > 0));
      await committed;
      expect(hadCommitStartedAtRelay).toBe(false);
      // The insert, then (on SQLite) the last-edited stamp.
      const verbs = write.mock.calls.map(([statement]) => String((statement as TemplateStringsArray)[0]).trimStart().split(" ")[0]);
      expect(verbs[0]).toBe("INSERT");
      expect(verbs.filter((verb) => verb === "INSERT")).toHaveLength(1);
    } finally {
      write.mockRestore();
    }
  });

  test("compaction folds every logged update into the document state and deletes exactly those rows", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
    const { loadDocumentState } = await import("@/lib/documents/live-state");
    const client = new Y.Doc();
    Y.applyUpdate(client, (await loadDocumentState(document.id))!.state);
    for (const text of ["Article 1", "Article 2", "Article 3"]) {
      await appendDocumentUpdate({ documentId: document.id, userId: delegate.id, update: nextUpdate(client, () => appendParagraph(client, text)) });
    }
    const rows = await testDatabase.database.documentUpdate.findMany({ where: { documentId: document.id }, select: { id: true } });
    expect(rows).toHaveLength(3);
    const before = await storedBodyText(document.id);

    expect(await compactDocumentUpdates({ documentId: document.id })).toMatchObject({ folded: 3 });
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    const compacted = await testDatabase.database.document.findUniqueOrThrow({ where: { id: document.id } });
    expect(compacted.compactedUpdateId).toBe(Math.max(...rows.map((row) => row.id)));
    expect(compacted.lastEditedById).toBe(delegate.id);
    expect(await storedBodyText(document.id)).toBe(before);
    expect(before).toBe("Preamble\nArticle 1\nArticle 2\nArticle 3");
    expect(await compactDocumentUpdates({ documentId: document.id })).toMatchObject({ folded: 0 });
  });

  test("a fold is not stored over another compaction stored since it read the log: nothing the other folded is lost", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
    const { loadDocumentState } = await import("@/lib/documents/live-state");
    const client = new Y.Doc();
    Y.applyUpdate(client, (await loadDocumentState(document.id))!.state);
    const append = (text: string) => appendDocumentUpdate({ documentId: document.id, userId: delegate.id, update: nextUpdate(client, () => appendParagraph(client, text)) });
    await append("First");
    // One compaction reads and folds (no lock held), and before it stores, another (on another instance, say) runs whole.
    const slow = (await foldDocumentLog({ documentId: document.id }))!;
    expect(slow.rows).toHaveLength(1);
    await append("Second");
    expect(await compactDocumentUpdates({ documentId: document.id })).toMatchObject({ folded: 2 });

    expect(await storeFoldedLog(slow)).toEqual({ folded: 0 });
    expect(await storedBodyText(document.id)).toBe("Preamble\nFirst\nSecond");
    await append("Third");
    expect(await compactDocumentUpdates({ documentId: document.id })).toMatchObject({ folded: 1 });
    expect(await storedBodyText(document.id)).toBe("Preamble\nFirst\nSecond\nThird");
  });

  test("an update that commits after compaction, with a lower id, is still loaded", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
    const { loadDocumentState } = await import("@/lib/documents/live-state");
    const client = new Y.Doc();
    Y.applyUpdate(client, (await loadDocumentState(document.id))!.state);
    // As on PostgreSQL, where ids are handed out at insert and commits can land in another order.
    await testDatabase.database.document.update({ where: { id: document.id }, data: { compactedUpdateId: 1_000_000 } });
    await appendDocumentUpdate({ documentId: document.id, userId: delegate.id, update: nextUpdate(client, () => appendParagraph(client, "Late commit")) });
    expect(await storedBodyText(document.id)).toBe("Preamble\nLate commit");
    await compactDocumentUpdates({ documentId: document.id });
    expect(await storedBodyText(document.id)).toBe("Preamble\nLate commit");
    expect((await testDatabase.database.document.findUniqueOrThrow({ where: { id: document.id } })).compactedUpdateId).toBe(1_000_000);
  });

  test("people taking turns typing stamp the document at most once per window, and the last edit is stamped when it ends", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Preamble"] });
    const serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
    const { loadDocumentState } = await import("@/lib/documents/live-state");
    const client = new Y.Doc();
    Y.applyUpdate(client, (await loadDocumentState(document.id))!.state);
    const stampOf = async () => {
      const { lastEditedById, lastEditedAt } = await testDatabase.database.document.findUniqueOrThrow({ where: { id: document.id } });
      return { by: lastEditedById, at: lastEditedAt?.getTime() };
    };
    // Only the stamp's timer and clock are faked: the database and the append queue keep their own.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date("2024-03-01T09:00:00Z") });
    try {
      const start = Date.now();
      await appendDocumentUpdate({ documentId: document.id, userId: delegate.id, update: nextUpdate(client, () => appendParagraph(client, "North Macedonia")) });
      expect(await stampOf()).toEqual({ by: delegate.id, at: start });

      // Alternating typists within the window: the row (which holds the whole compacted text) is not rewritten.
      for (const [seconds, userId] of [[2, serbia.id], [4, delegate.id], [6, serbia.id]] as const) {
        vi.setSystemTime(start + seconds * 1_000);
        await appendDocumentUpdate({ documentId: document.id, userId, update: nextUpdate(client, () => appendParagraph(client, `Turn ${seconds}`)) });
      }
      expect(await stampOf()).toEqual({ by: delegate.id, at: start });

      // When the window ends, the newest edit is stamped with its own time and author.
      await vi.advanceTimersByTimeAsync(15_000);
      await vi.waitFor(async () => expect(await stampOf()).toEqual({ by: serbia.id, at: start + 6_000 }));
    } finally {
      vi.useRealTimers();
    }
  });
});
