import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { analyseImport } from "@/lib/imports/analyse-import";
import { importDocument } from "@/lib/imports/import-document";
import { MAX_IMPORT_BYTES } from "@/lib/imports/read-docx";
import { getLiveText } from "@/lib/versions/get-live-text";
import { textBlocksFromJson } from "@/lib/versions/text-blocks";

// Made with LibreOffice from a small OpenDocument text (headings "Article N — Title", paragraphs
// numbered "1.", two real footnotes, a table, a link, Albanian and Cyrillic): soffice --headless --convert-to docx.
const FIXTURE = fs.readFileSync(path.join(__dirname, "fixtures", "word-fixture.docx"));

let testDatabase: TestDatabase;
let secretariat: Actor;
let observer: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
});
afterAll(() => testDatabase.drop());

const bytesOf = (buffer: Buffer) => new Uint8Array(buffer);

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array" });
}

describe("importing a Word file written by LibreOffice", () => {
  it("reports the articles, numbered paragraphs and footnotes before anything is created", async () => {
    const before = await testDatabase.database.document.count();
    const analysis = await analyseImport({ actor: secretariat, fileName: "word-fixture.docx", bytes: bytesOf(FIXTURE) });
    expect(analysis.summary).toMatchObject({ articles: 2, numberedParagraphs: 2, notes: 2, tables: 1 });
    expect(analysis.suggestedTitle).toBe("Memorandum of Understanding on Digital Trust");
    expect(await testDatabase.database.document.count()).toBe(before);
  });

  it("creates the document with article headings, numbered paragraphs, notes, a table and a link", async () => {
    const { id } = await importDocument({ actor: secretariat, fileName: "word-fixture.docx", bytes: bytesOf(FIXTURE), title: "Imported MoU" });
    const { json } = await getLiveText({ actor: secretariat, documentId: id });
    const articles = (json.content ?? []).filter((block) => block.type === "heading" && block.attrs?.article === true);
    expect(articles.map((heading) => heading.content?.map((child) => child.text).join(""))).toEqual(["Purpose", "Contacts"]);
    const numbered = (json.content ?? []).filter((block) => block.type === "paragraph" && block.attrs?.numbered === true);
    expect(numbered.map((paragraph) => paragraph.content?.[0]?.text)).toEqual(["This Memorandum sets up ", "It covers Shërbimet e besueshme and Меморандум о разумевању."]);
    expect(numbered[0]!.content?.[1]).toMatchObject({ text: "regional cooperation", marks: [{ type: "bold" }] });
    const notes: string[] = [];
    JSON.stringify(json, (key, value: unknown) => {
      if (value && typeof value === "object" && (value as { type?: string }).type === "note") notes.push(String((value as { attrs: { text: string } }).attrs.text));
      return value;
    });
    expect(notes).toEqual(["Adopted in Sofia in 2018.", "Albanian and Serbian names of the instrument."]);
    const blocks = textBlocksFromJson(json);
    expect(blocks.filter((block) => block.container === "table").map((block) => block.text)).toEqual(["Economy", "Contact point", "Montenegro", "Ministry of Public Administration"]);
    expect(JSON.stringify(json)).toContain('"href":"https://www.rcc.int/"');
    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "document.created" } });
    expect(event.data).toContain('"template":"docx"');
  });

  it("refuses an observer", async () => {
    await expect(analyseImport({ actor: observer, fileName: "word-fixture.docx", bytes: bytesOf(FIXTURE) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importDocument({ actor: observer, fileName: "word-fixture.docx", bytes: bytesOf(FIXTURE), title: "Not allowed" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("bad input", () => {
  const cases: { name: string; bytes: () => Promise<Uint8Array>; message: RegExp }[] = [
    { name: "a PDF renamed .docx", bytes: async () => new TextEncoder().encode("%PDF-1.7\n1 0 obj\n"), message: /not a Word document/ },
    { name: "an empty file", bytes: async () => new Uint8Array(), message: /empty/ },
    { name: "a truncated (corrupt) .docx", bytes: async () => bytesOf(FIXTURE.subarray(0, 2000)), message: /damaged/ },
    {
      name: "a password-protected .docx (encrypted OLE container)",
      bytes: async () => bytesOf(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(512)])),
      message: /password-protected/,
    },
    { name: "an old .doc", bytes: async () => bytesOf(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)])), message: /97–2003/ },
    { name: "a file over 20 MB", bytes: async () => new Uint8Array(MAX_IMPORT_BYTES + 1), message: /larger than 20 MB/ },
    { name: "a macro container (.docm with vbaProject.bin only)", bytes: () => zipOf({ "[Content_Types].xml": "<Types/>", "word/vbaProject.bin": "macro" }), message: /macros/ },
    { name: "a zip that is not a Word document", bytes: () => zipOf({ "hello.txt": "hello" }), message: /no document text/ },
  ];
  for (const { name, bytes, message } of cases) {
    it(`refuses ${name} with a clear message and creates nothing`, async () => {
      const before = await testDatabase.database.document.count();
      const input = { actor: secretariat, fileName: "upload.docx", bytes: await bytes(), title: "Refused" };
      await expect(analyseImport(input)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
      await expect(importDocument(input)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
      expect(await testDatabase.database.document.count()).toBe(before);
    });
  }
});
