import fs from "node:fs";
import path from "node:path";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { readYjsState, type ProseMirrorJson } from "@/lib/documents/content";
import { analyseTextReplacement } from "@/lib/imports/analyse-text-replacement";
import { MAX_IMPORT_BYTES } from "@/lib/imports/read-docx";
import { replaceTextFromWord } from "@/lib/imports/replace-text-from-word";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  isRedisAvailable,
  REDIS_TEST_URL,
  sessionCookieFor,
  startCollaborationProcess,
  startInProcessCollaboration,
  storedBodyText,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
  type ServerProcess,
} from "@/lib/testing/collaboration";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
// Read by lib/env.ts on first use (after this line): the verb publishes the update through Redis too.
const hasServices = (await isPostgresAvailable()) && (await isRedisAvailable());
if (hasServices) process.env.REDIS_URL = REDIS_TEST_URL;

// Written by LibreOffice (see lib/imports/import.test.ts): articles "Purpose" and "Contacts", two footnotes, a table.
const FIXTURE = new Uint8Array(fs.readFileSync(path.join(__dirname, "fixtures", "word-fixture.docx")));
const IMPORTED_WORDS = "This Memorandum sets up";

afterAll(() => {
  // The shared Redis connection the verb publishes on would keep the worker alive.
  (globalThis as unknown as { accordRedis?: Redis }).accordRedis?.disconnect();
});

const json = (document: Y.Doc): ProseMirrorJson => readYjsState(Y.encodeStateAsUpdate(document)).json;
const articleTitles = (content: ProseMirrorJson) =>
  (content.content ?? []).filter((block) => block.type === "heading" && block.attrs?.article === true).map((heading) => heading.content?.map((child) => child.text).join(""));

describe("replacing a draft's text from Word (one instance)", () => {
  let testDatabase: TestDatabase;
  let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
  let secretariat: Actor;
  let delegate: Actor;
  let observer: Actor;
  const clients: HocuspocusProvider[] = [];

  beforeAll(async () => {
    testDatabase = await createSqliteTestDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
    observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
    server = await startInProcessCollaboration();
  });
  afterAll(async () => {
    for (const client of clients) closeClient(client);
    await server?.close();
    await testDatabase?.drop();
  });

  test("people with the document open see the new text at once; the log holds it and the previous text is a checkpoint", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Old wording of Article 1", "Old wording of Article 2"] });
    const editor = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
    const reader = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, observer.id) });
    clients.push(editor, reader);
    await Promise.all([waitForSaved(editor), waitForSaved(reader)]);
    // An edit stored just before: it belongs to the previous text and goes into the checkpoint.
    appendParagraph(editor.document, "Albania's last change before the replacement");
    await waitForSaved(editor);

    const analysis = await analyseTextReplacement({ actor: secretariat, documentId: document.id, fileName: "revised.docx", bytes: FIXTURE });
    expect(analysis.summary).toMatchObject({ articles: 2, notes: 2, tables: 1 });
    expect(analysis.replaced).toMatchObject({ anchoredThreads: 0, openSuggestions: 0 });
    expect(await testDatabase.database.documentVersion.count({ where: { documentId: document.id } })).toBe(0);

    const result = await replaceTextFromWord({ actor: secretariat, documentId: document.id, fileName: "revised.docx", bytes: FIXTURE });

    // Live: both open copies follow without reconnecting or reloading.
    for (const client of [editor, reader]) {
      await waitFor(() => bodyText(client.document).includes(IMPORTED_WORDS), { timeoutMs: 5_000, message: "the new text to reach an open editor" });
      expect(bodyText(client.document)).not.toContain("Old wording");
      expect(bodyText(client.document)).not.toContain("Albania's last change");
      expect(articleTitles(json(client.document))).toEqual(["Purpose", "Contacts"]);
    }
    // Durable: one row in the log, by the secretariat, and the stored text is what the editors show.
    const rows = await testDatabase.database.documentUpdate.findMany({ where: { documentId: document.id, userId: secretariat.id } });
    expect(rows).toHaveLength(1);
    expect(await storedBodyText(document.id)).toBe(bodyText(editor.document));

    const checkpoint = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: result.checkpoint.id } });
    expect(checkpoint).toMatchObject({ number: 1, isCheckpoint: true, createdById: secretariat.id });
    expect(checkpoint.content).toContain("Old wording of Article 2");
    expect(checkpoint.content).toContain("Albania's last change before the replacement");
    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { targetId: document.id, action: "document.textReplaced" } });
    expect(JSON.parse(event.data)).toMatchObject({ fileName: "revised.docx", checkpointNumber: 1, previousDigest: checkpoint.digest, digest: result.digest });
    expect(await testDatabase.database.auditEvent.count({ where: { targetId: checkpoint.id, action: "version.created" } })).toBe(1);

    // The editor keeps working on the new text: its next edit is accepted and stored.
    appendParagraph(editor.document, "Albania's first change to the new text");
    await waitForSaved(editor);
    expect(await storedBodyText(document.id)).toContain("Albania's first change to the new text");
    await waitFor(() => bodyText(reader.document).includes("Albania's first change to the new text"), { message: "the observer to follow" });
  });

  test("a document nobody has open opens with the new text", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Nobody is reading this"] });
    await replaceTextFromWord({ actor: secretariat, documentId: document.id, fileName: "revised.docx", bytes: FIXTURE });
    const later = connectProvider({ url: server.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
    clients.push(later);
    await waitForSaved(later);
    expect(bodyText(later.document)).toContain(IMPORTED_WORDS);
    expect(bodyText(later.document)).not.toContain("Nobody is reading this");
  });

  test("bad files are refused with their reason, and nothing is stored", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Stays as it is"] });
    const cases: [string, Uint8Array, RegExp][] = [
      ["a PDF renamed .docx", new TextEncoder().encode("%PDF-1.7\n1 0 obj\n"), /not a Word document/],
      ["a truncated (corrupt) .docx", FIXTURE.subarray(0, 2000), /damaged/],
      ["a file over 20 MB", new Uint8Array(MAX_IMPORT_BYTES + 1), /larger than 20 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const input = { actor: secretariat, documentId: document.id, fileName: "upload.docx", bytes };
      await expect(analyseTextReplacement(input), name).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
      await expect(replaceTextFromWord(input), name).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
    }
    expect(await storedBodyText(document.id)).toBe("Stays as it is");
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(0);
    expect(await testDatabase.database.documentVersion.count({ where: { documentId: document.id } })).toBe(0);
    expect(await testDatabase.database.auditEvent.count({ where: { targetId: document.id } })).toBe(0);
  });

  test("only the secretariat replaces a text, and never that of approved minutes", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Negotiated text"] });
    for (const actor of [delegate, observer]) {
      const input = { actor, documentId: document.id, fileName: "revised.docx", bytes: FIXTURE };
      await expect(analyseTextReplacement(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(replaceTextFromWord(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(replaceTextFromWord({ actor: secretariat, documentId: "no-such-document", fileName: "revised.docx", bytes: FIXTURE })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const minutes = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Approved minutes"], kind: "MINUTES" });
    await testDatabase.database.meeting.create({
      data: {
        workingGroupId: testDatabase.workingGroupId,
        title: "Approved meeting",
        startsAt: new Date("2026-01-10T09:00:00Z"),
        endsAt: new Date("2026-01-10T11:00:00Z"),
        format: "ONLINE",
        createdById: secretariat.id,
        minutesDocumentId: minutes.id,
        minutesStatus: "APPROVED",
      },
    });
    await expect(replaceTextFromWord({ actor: secretariat, documentId: minutes.id, fileName: "revised.docx", bytes: FIXTURE })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await storedBodyText(document.id)).toBe("Negotiated text");
    expect(await storedBodyText(minutes.id)).toBe("Approved minutes");
  });
});

describe.runIf(hasServices)("replacing a text reaches editors on another instance through Redis", () => {
  let testDatabase: TestDatabase;
  let instance: ServerProcess;
  const clients: HocuspocusProvider[] = [];

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    instance = await startCollaborationProcess({ databaseUrl: testDatabase.url, env: { REDIS_URL: REDIS_TEST_URL } });
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) closeClient(client);
    await instance?.kill();
    await testDatabase?.drop();
  });

  test("an editor connected to another instance sees the new text without reloading", async () => {
    const secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    const delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Text on the other instance"] });
    const elsewhere = connectProvider({ url: instance.url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
    clients.push(elsewhere);
    await waitForSaved(elsewhere);

    // This process has no collaboration server: the other instance hears of the update only through Redis.
    await replaceTextFromWord({ actor: secretariat, documentId: document.id, fileName: "revised.docx", bytes: FIXTURE });
    await waitFor(() => bodyText(elsewhere.document).includes(IMPORTED_WORDS), { timeoutMs: 15_000, message: "the new text to reach the other instance" });
    expect(bodyText(elsewhere.document)).not.toContain("Text on the other instance");

    appendParagraph(elsewhere.document, "Serbia's change to the new text");
    await waitForSaved(elsewhere);
    expect(await storedBodyText(document.id)).toBe(bodyText(elsewhere.document));
  });
});
