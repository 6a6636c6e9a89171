import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { appendParagraph, createTestDocument, storedBodyText } from "@/lib/testing/collaboration";
import { appendDocumentUpdate, compactDocumentUpdates } from "@/lib/collab/persistence";
import { loadDocumentState } from "@/lib/documents/live-state";

// PostgreSQL is where commits from several instances interleave; with CI=true a missing server fails.
const hasPostgres = await isPostgresAvailable();

let testDatabase: TestDatabase;

beforeAll(async () => {
  if (hasPostgres) testDatabase = await createPostgresTestDatabase();
});

afterAll(async () => {
  await testDatabase?.drop();
});

describe.runIf(hasPostgres)("compaction on PostgreSQL", () => {
  test("several compactions racing with several writers lose and duplicate nothing", async () => {
    const author = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Base"] });
    const base = (await loadDocumentState(document.id))!.state;

    let isWriting = true;
    const compactors = Array.from({ length: 3 }, async () => {
      let folded = 0;
      while (isWriting) folded += (await compactDocumentUpdates({ documentId: document.id })).folded;
      return folded;
    });
    const tokens: string[] = [];
    // Five clients as on five instances, each appending its own tokens.
    await Promise.all(
      Array.from({ length: 5 }, async (_, writer) => {
        const client = new Y.Doc();
        Y.applyUpdate(client, base);
        for (let index = 0; index < 40; index += 1) {
          const token = `writer-${writer}-token-${index}`;
          tokens.push(token);
          let update: Uint8Array | undefined;
          client.once("update", (captured: Uint8Array) => (update = captured));
          appendParagraph(client, token);
          await appendDocumentUpdate({ documentId: document.id, userId: author.id, update: update! });
        }
      }),
    );
    isWriting = false;
    const foldedWhileWriting = (await Promise.all(compactors)).reduce((sum, folded) => sum + folded, 0);
    await compactDocumentUpdates({ documentId: document.id });

    expect(foldedWhileWriting).toBeGreaterThan(0);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    const lines = (await storedBodyText(document.id)).split("\n");
    expect(lines.filter((line) => line === "Base")).toHaveLength(1);
    expect(tokens.filter((token) => lines.filter((line) => line === token).length !== 1)).toEqual([]);
    expect(lines).toHaveLength(tokens.length + 1);
  });
});
