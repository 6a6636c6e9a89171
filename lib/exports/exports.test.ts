import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThread } from "@/lib/comments/create-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { documentSchema, jsonFromYjsState, yjsStateFromJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { buildDocx } from "@/lib/exports/build-docx";
import { buildPdf } from "@/lib/exports/build-pdf";
import { resolutionRows } from "@/lib/exports/comment-resolution";
import { exportCommentResolution } from "@/lib/exports/export-comment-resolution";
import { exportDocx } from "@/lib/exports/export-docx";
import { exportPdf } from "@/lib/exports/export-pdf";
import { getExportSource } from "@/lib/exports/export-source";
import { exportSourceOf, readSourceOf } from "@/lib/exports/fixtures/export-source";
import { ALBANIAN_SAMPLE, CYRILLIC_SAMPLE, MACEDONIAN_SAMPLE, sampleMemorandum } from "@/lib/exports/fixtures/sample-text";
import { analyseDocx } from "@/lib/imports/read-docx";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import { openRound } from "@/lib/signoff/open-round";
import { recordSignOff } from "@/lib/signoff/record-sign-off";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createVersion } from "@/lib/versions/create-version";
import { textBlocksFromJson } from "@/lib/versions/text-blocks";

let testDatabase: TestDatabase;
let secretariat: Actor;
let observer: Actor;
const delegates: Record<string, Actor> = {};

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Rita Secretariat" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
  for (const code of ECONOMY_CODES) delegates[code] = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: code, name: `Delegate ${code}` });
});
afterAll(() => testDatabase.drop());

/** A document whose live text is the sample MoU (notes, a table, the region's scripts), with a version. */
async function sampleDocument() {
  const { id: documentId } = await createDocument({ actor: secretariat, title: "MoU on trust services", template: "memorandum" });
  await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(sampleMemorandum())) } });
  const version = await createVersion({ actor: secretariat, documentId, name: "Draft for sign-off" });
  return { documentId, version };
}

async function unzip(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  return { zip, read };
}

function pdfText(bytes: Buffer, options: string[] = []): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-pdf-"));
  const file = path.join(directory, "export.pdf");
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", ...options, file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

const squash = (text: string) => text.replace(/\s+/g, " ");

describe("Word round trip", () => {
  it("exports the demo MoU version to DOCX and imports it back with the same canonical text blocks", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Demo MoU", template: "memorandum" });
    const version = await createVersion({ actor: secretariat, documentId, name: "Albanian draft" });
    const file = await exportDocx({ actor: observer, documentId, versionId: version.id });
    const imported = await analyseDocx({ bytes: new Uint8Array(file.bytes), fileName: file.fileName });
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(textBlocksFromJson(jsonFromYjsState(imported.yjsState)).map((block) => block.key)).toEqual(textBlocksFromJson(JSON.parse(stored.content)).map((block) => block.key));
    expect(imported.notices).toEqual([]);
  });

  it("keeps notes, tables, lists, links and the region's scripts through a round trip", async () => {
    const json = documentSchema().nodeFromJSON(sampleMemorandum()).toJSON();
    const imported = await analyseDocx({ bytes: new Uint8Array((await buildDocx({ source: exportSourceOf(json) })).bytes), fileName: "mou.docx" });
    expect(textBlocksFromJson(jsonFromYjsState(imported.yjsState)).map((block) => block.key)).toEqual(textBlocksFromJson(json).map((block) => block.key));
    expect(imported.summary).toMatchObject({ notes: 2, tables: 1 });
  });
});

describe("Word structure", () => {
  it("writes notes as real footnotes, comments authored 'Name (Economy)' and the digest in the footer", async () => {
    const { documentId, version } = await sampleDocument();
    const thread = await createThread({ actor: delegates.AL!, documentId, kind: "REMARK", quote: "framework for cooperation", body: "Albania asks for a definition." });
    await replyToThread({ actor: delegates.RS!, threadId: thread.id, body: "Serbia agrees." });
    const file = await exportDocx({ actor: observer, documentId, versionId: version.id, variant: "comments" });
    const { read } = await unzip(file.bytes);

    const footnotes = await read("word/footnotes.xml");
    expect(footnotes).toContain(`Albanian: ${ALBANIAN_SAMPLE}.`);
    expect(footnotes).toContain("Regulation (EU) No 910/2014.");
    const body = await read("word/document.xml");
    expect(body.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2);
    expect(body).toContain("Article 1 — ");
    expect(body).toContain("<w:commentRangeStart");

    const comments = await read("word/comments.xml");
    expect(comments).toContain(`w:author="${delegates.AL!.name} (Albania)"`);
    expect(comments).toContain(`w:author="${delegates.RS!.name} (Serbia)"`);
    expect(comments).toContain("Albania asks for a definition.");

    const footers = await Promise.all(["word/footer1.xml", "word/footer2.xml", "word/footer3.xml"].map(read));
    expect(footers.join("")).toContain(version.digest);
    expect(file.digest).toBe(version.digest);
  });

  it("writes suggesting mode's marks as Word insertions and deletions attributed 'Name (Economy)'", async () => {
    const mark = (type: string) => ({ type, attrs: { authorId: "u1", authorName: "Ana Petrović", organisationCode: "RS", createdAt: "2026-03-01T10:00:00.000Z" } });
    const json = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "The Participants " }, { type: "text", text: "shall", marks: [mark("suggestionDelete")] }, { type: "text", text: "may", marks: [mark("suggestionInsert")] }, { type: "text", text: " cooperate." }] }],
    };
    const source = exportSourceOf(json);
    const tracked = await (await unzip((await buildDocx({ source, trackChanges: true })).bytes)).read("word/document.xml");
    expect(tracked).toMatch(/<w:ins [^>]*w:author="Ana Petrović \(Serbia\)"/);
    expect(tracked).toMatch(/<w:del [^>]*w:author="Ana Petrović \(Serbia\)"/);
    expect(tracked).toContain("<w:delText");
    // Clean: the text as it stands, without the pending proposals.
    const clean = await (await unzip((await buildDocx({ source })).bytes)).read("word/document.xml");
    expect(clean).not.toContain("<w:ins ");
    expect(clean).toContain(">shall<");
    expect(clean).not.toContain(">may<");
  });
});

describe("the live text in an export", () => {
  it("is handed to the worker as stored (its Yjs parts), and read and digested there as a version saved now would be", async () => {
    const { documentId } = await sampleDocument();
    const source = await getExportSource({ actor: observer, documentId, versionId: "live" });
    // Nothing read on the thread that relays everyone's edits: decoding 100 pages takes a few hundred milliseconds.
    expect(source.text).toEqual({ yjsParts: expect.any(Array) });
    expect(source.digest).toBeNull();

    const file = await exportDocx({ actor: observer, documentId, versionId: "live" });
    const version = await createVersion({ actor: secretariat, documentId, name: "Saved after the export" });
    expect(file.digest).toBe(version.digest);
    const footers = await Promise.all(["word/footer1.xml", "word/footer2.xml", "word/footer3.xml"].map((name) => unzip(file.bytes).then(({ read }) => read(name))));
    expect(footers.join("")).toContain(version.digest);
  });
});

describe("Word export in a worker process", () => {
  const runningWorker = (task: string) => (globalThis as unknown as { accordWorkers?: Map<string, unknown> }).accordWorkers?.get(task);

  it("writes the file in the worker; a failure there is a clear error, and the next export works", async () => {
    const source = exportSourceOf(documentSchema().nodeFromJSON(sampleMemorandum()).toJSON());
    const { bytes: before } = await buildDocx({ source });
    expect(runningWorker("Writing the Word file")).toBeDefined();
    // A stored text that is not JSON makes the reading throw inside the worker.
    await expect(buildDocx({ source: { ...source, text: { content: "{ not json" } } })).rejects.toMatchObject({
      name: "AppError",
      code: "UNAVAILABLE",
      message: "Writing the Word file failed: an error occurred on the server. Please try again.",
    });
    const { bytes: after } = await buildDocx({ source });
    // The same words (the package numbers some elements afresh in each file).
    const words = async (bytes: Buffer) => (await (await unzip(bytes)).read("word/document.xml")).replace(/<[^>]+>/g, " ");
    expect(await words(after)).toContain("Article 1");
    expect(await words(after)).toBe(await words(before));
  });
});

describe("signable PDF", () => {
  it("prints article numbers, the region's scripts, every economy's position, the digest and the audit chain head", async () => {
    const { documentId, version } = await sampleDocument();
    const round = await openRound({ actor: secretariat, documentId, versionId: version.id });
    await recordSignOff({ actor: delegates.AL!, roundId: round.id, position: "APPROVE" });
    await recordSignOff({ actor: delegates.BA!, roundId: round.id, position: "APPROVE_AD_REFERENDUM" });
    await recordSignOff({ actor: delegates.XK!, roundId: round.id, position: "APPROVE_WITH_RESERVATION", reservation: "Subject to Article 5 wording." });
    await recordSignOff({ actor: delegates.ME!, roundId: round.id, position: "NOT_READY", reason: "Consultation of line ministries." });
    await recordSignOff({ actor: secretariat, roundId: round.id, organisationCode: "MK", position: "APPROVE", onBehalfReason: "Confirmed by letter of 3 March." });

    const file = await exportPdf({ actor: delegates.RS!, documentId, versionId: version.id, appUrl: "https://accord.example" });
    const head = await testDatabase.database.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const entryCount = await testDatabase.database.auditEvent.count();
    expect(file.auditHead).toBe(`${entryCount}:${head.hash}`);
    expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = squash(pdfText(file.bytes, ["-raw"]));

    for (let article = 1; article <= 7; article++) expect(text).toContain(`Article ${article}`);
    expect(text).toContain("Languages");
    expect(text).toContain(ALBANIAN_SAMPLE);
    expect(text).toContain(CYRILLIC_SAMPLE);
    expect(text).toContain(MACEDONIAN_SAMPLE);
    expect(text).toContain("Sign-off round 1");
    // Each economy's row starts on one line of the laid-out text: its name, then its position.
    const lines = pdfText(file.bytes, ["-layout"]).split("\n");
    for (const [economy, position] of [
      ["Albania", "Approves"],
      ["Bosnia and Herzegovina", "Approves ad referendum"],
      ["Kosovo*", "Approves with reservation"],
      ["Montenegro", "Not ready"],
      ["North Macedonia", "Approves"],
      ["Serbia", "No position recorded"],
    ]) {
      expect(lines.some((line) => new RegExp(`^\\s*${economy.replace("*", "\\*")}\\s{2,}${position}(\\s{2,}|$)`).test(line)), `${economy}: ${position}`).toBe(true);
    }
    expect(text).toContain(`npm run audit:verify -- --anchor ${entryCount}:${head.hash}`);
    expect(text).toContain("Subject to Article 5 wording.");
    expect(text).toContain("Confirmed by letter of 3 March.");
    expect(text).toContain(version.digest);
    expect(text).toContain(head.hash);
    expect(text).toContain(`https://accord.example/documents/${documentId}/versions/${version.id}/verify`);

    const info = execFileSync("pdfinfo", ["-"], { input: file.bytes, encoding: "utf8" });
    expect(info).toMatch(/Title:\s+MoU on trust services/);
    expect(info).toMatch(/Creator:\s+Accord/);
    expect(info).toContain(version.digest);
  });
});

describe("tagged PDF", () => {
  it("has a structure tree in reading order: headings, paragraphs, lists and tables tagged, with the language and title", async () => {
    const source = exportSourceOf(documentSchema().nodeFromJSON(sampleMemorandum()).toJSON(), { title: "MoU on trust services" });
    const { bytes } = await buildPdf({ source, annex: { rounds: [], economies: ECONOMY_CODES, auditHead: null, verifyUrl: null } });
    const raw = bytes.toString("latin1");
    // The catalog: marked content, a structure tree, the document's language and its title in the viewer's title bar.
    expect(raw).toMatch(/\/MarkInfo (\d+) 0 R/);
    expect(raw).toMatch(new RegExp(`\\b${raw.match(/\/MarkInfo (\d+) 0 R/)![1]} 0 obj\\s*<<\\s*/Marked true\\s*>>`));
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toContain("/Lang (en)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(execFileSync("pdfinfo", ["-"], { input: bytes, encoding: "utf8" })).toMatch(/Tagged:\s+yes/);

    // poppler reads the structure tree back with the text of each element.
    const tree = execFileSync("pdfinfo", ["-struct-text", "-"], { input: bytes, encoding: "utf8" });
    const lines = tree.split("\n");
    const element = (type: string, text: string) => lines.findIndex((line, index) => line.trim().startsWith(`${type} `) && lines.slice(index + 1, index + 4).some((next) => next.includes(text)));
    const order = [
      element("H1", "Memorandum of Understanding on Regional"),
      element("H2", "Article 1"),
      element("P", "This Memorandum establishes a framework"),
      element("Lbl", "1."),
      element("H2", "Article 7"),
      element("Table", ""),
      element("H2", "Notes"),
      element("Note", "Regulation (EU) No 910/2014."),
      element("H1", "Annex — Sign-off record"),
    ];
    expect(order.every((index) => index >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(tree).toMatch(/TR\n\s+TH:\n\s+\/Scope \/Column\n\s+P \(block\)\n\s+"Economy"/);
    expect(tree).toMatch(/TD\n\s+P \(block\)\n\s+"Српски"/);
    expect(tree).toMatch(/LI \(block\)\n\s+Lbl \(block\)\n\s+"•"\n\s+LBody \(block\)\n\s+P \(block\)\n\s+"Bosanski, hrvatski, crnogorski: č ć đ š ž"/);
    // The running header and footer are artifacts: printed on every page, never read as text.
    expect(pdfText(bytes)).toContain("Page 1 of");
    expect(tree).not.toContain("Page 1 of");
    expect(tree.split("\n").filter((line) => line.includes("MoU on trust services")).length).toBe(1);
  });
});

describe("comment-resolution table", () => {
  it("lists each thread under its article with economy, kind, text, replies, status and outcome; observers may download it", async () => {
    const { documentId } = await sampleDocument();
    const thread = await createThread({ actor: delegates.ME!, documentId, kind: "PROPOSAL", quote: "at least twice a year", body: "Montenegro proposes three meetings.", suggestedText: "at least three times a year" });
    await replyToThread({ actor: secretariat, threadId: thread.id, body: "To be discussed at the next meeting." });
    await createThread({ actor: delegates.AL!, documentId, kind: "QUESTION", quote: "no such words anywhere", body: "Where did this go?" });

    const csv = await exportCommentResolution({ actor: observer, documentId, versionId: "live", format: "csv" });
    const text = csv.bytes.toString("utf8");
    expect(text.startsWith("\uFEFFArticle,Economy,Kind,Passage,Comment,Replies (in short),Status,Outcome")).toBe(true);
    expect(text).toContain("Article 5 — Governance,Montenegro,Proposal,at least twice a year");
    expect(text).toContain("Rita Secretariat (RCC): To be discussed at the next meeting.");
    expect(text).toContain("Not in this text (passage deleted or changed),Albania,Question");

    const docx = await exportCommentResolution({ actor: observer, documentId, versionId: "live", format: "docx" });
    const body = await (await unzip(docx.bytes)).read("word/document.xml");
    expect(body).toContain("Article 5 — Governance");
    expect(body).toContain("Montenegro proposes three meetings.");
  });

  it("orders rows by article in reading order", () => {
    const source = readSourceOf(documentSchema().nodeFromJSON(sampleMemorandum()).toJSON());
    const person = { name: "P", organisationCode: "AL" };
    const thread = (id: string, quote: string) => ({ id, organisationCode: "AL", kind: "REMARK" as const, status: "OPEN" as const, quote, suggestedText: null, createdAt: new Date(), appliedAt: null, resolvedAt: null, author: person, resolvedBy: null, comments: [] });
    const rows = resolutionRows(source, [thread("late", "Final provisions"), thread("early", "framework for cooperation")]);
    expect(rows.map((row) => row.article)).toEqual(["Article 1 — Purpose", "Article 6 — Final provisions"]);
  });
});
