import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import * as Y from "yjs";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { appendParagraph, createTestDocument, storedBodyText, waitFor } from "@/lib/testing/collaboration";
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

describe.runIf(hasPostgres)("compaction against a commit that lands between its read and its delete", () => {
  test("a row with a smaller id that commits after compaction read the log is kept, not deleted unread", async () => {
    const author = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "BA" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Base"] });
    const client = new Y.Doc();
    Y.applyUpdate(client, (await loadDocumentState(document.id))!.state);
    const updateFor = (text: string) => {
      let update: Uint8Array | undefined;
      client.once("update", (captured: Uint8Array) => (update = captured));
      appendParagraph(client, text);
      return update!;
    };
    const earlier = updateFor("Committed late, with the smaller id");
    const later = updateFor("Committed first, with the larger id");

    // Compaction's write of the folded state waits on an advisory lock the test holds, which opens
    // the gap between compaction reading the log and deleting what it folded.
    const gate = new pg.Client({ connectionString: testDatabase.url });
    const lateWriter = new pg.Client({ connectionString: testDatabase.url });
    await Promise.all([gate.connect(), lateWriter.connect()]);
    try {
      await gate.query(`CREATE FUNCTION wait_for_test_gate() RETURNS trigger AS $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END $$ LANGUAGE plpgsql`);
      await gate.query(`CREATE TRIGGER test_gate BEFORE UPDATE ON "Document" FOR EACH ROW WHEN (OLD."yjsState" IS DISTINCT FROM NEW."yjsState") EXECUTE FUNCTION wait_for_test_gate()`);
      await gate.query("SELECT pg_advisory_lock(4242)");

      // The smaller id is taken first but committed last, as by an overlapping commit or another instance.
      await lateWriter.query("BEGIN");
      await lateWriter.query(`INSERT INTO "DocumentUpdate" ("documentId", "update", "userId") VALUES ($1, $2, $3)`, [document.id, Buffer.from(earlier), author.id]);
      await appendDocumentUpdate({ documentId: document.id, userId: author.id, update: later });

      const compaction = compactDocumentUpdates({ documentId: document.id });
      await waitFor(async () => (await gate.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`)).rowCount === 1, {
        message: "compaction to have read the log and wait at the gate",
      });
      await lateWriter.query("COMMIT");
      await gate.query("SELECT pg_advisory_unlock(4242)");
      expect(await compaction).toMatchObject({ folded: 1 });
    } finally {
      await gate.query(`DROP TRIGGER IF EXISTS test_gate ON "Document"`);
      await gate.query("DROP FUNCTION IF EXISTS wait_for_test_gate()");
      await Promise.all([gate.end(), lateWriter.end()]);
    }

    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(1);
    expect(await storedBodyText(document.id)).toBe("Base\nCommitted late, with the smaller id\nCommitted first, with the larger id");
  });
});
