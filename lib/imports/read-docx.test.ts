import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { jsonFromYjsState, yjsStateFromJson } from "@/lib/documents/content";
import { analysisFromReading } from "@/lib/imports/complete-reading";
import { analyseDocx, analyseDocxReplacing } from "@/lib/imports/read-docx";
import { readWordFile } from "@/lib/imports/read-word-file.mjs";

const FIXTURE = fs.readFileSync(path.join(__dirname, "fixtures", "word-fixture.docx"));
const DAMAGED_MESSAGE = "The file is damaged and cannot be read as a Word document. Open it in Word, save it again and retry.";
const MACROS_MESSAGE = "The file contains macros (a .docm). Accord does not accept macro-enabled documents: save it as a Word document (.docx) without macros.";

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array" });
}

const wordWorker = () => (globalThis as unknown as { accordWorkers?: Map<string, unknown> }).accordWorkers?.get("Reading the Word file");

describe("reading Word files in the worker process", () => {
  it("gives exactly what reading the committed fixture on this thread gives", async () => {
    const throughWorker = await analyseDocx({ bytes: new Uint8Array(FIXTURE), fileName: "word-fixture.docx" });
    // The worker did the reading: it is running, and the result came back as plain data.
    expect(wordWorker()).toBeDefined();
    const onThisThread = analysisFromReading({ reading: await readWordFile(FIXTURE), fileName: "word-fixture.docx" });
    // The Yjs state differs only in its random client id: compare the texts it holds.
    const { yjsState, ...rest } = throughWorker;
    const { json, yjsState: stateOnThisThread, ...expected } = onThisThread;
    expect(rest).toEqual(expected);
    expect(jsonFromYjsState(yjsState)).toEqual(jsonFromYjsState(stateOnThisThread));
    expect(jsonFromYjsState(yjsState)).toEqual(jsonFromYjsState(yjsStateFromJson(json)));
    expect(throughWorker.summary).toEqual({ articles: 2, numberedParagraphs: 2, notes: 2, tables: 1, lists: 1, characters: 629 });
    expect(throughWorker.suggestedTitle).toBe("Memorandum of Understanding on Digital Trust");
  });

  it("refuses a bad file with its clear message through the worker, and keeps reading the next file", async () => {
    const damaged = new Uint8Array(FIXTURE.subarray(0, 2000));
    await expect(analyseDocx({ bytes: damaged, fileName: "damaged.docx" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: DAMAGED_MESSAGE });
    const macros = await zipOf({ "[Content_Types].xml": "<Types/>", "word/vbaProject.bin": "macro" });
    await expect(analyseDocx({ bytes: macros, fileName: "macros.docx" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: MACROS_MESSAGE });
    const noText = await zipOf({ "hello.txt": "hello" });
    await expect(analyseDocx({ bytes: noText, fileName: "hello.docx" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "This file is not a Word document (.docx): it has no document text.",
    });
    // The same messages as reading on this thread.
    await expect(readWordFile(Buffer.from(damaged))).rejects.toThrow(DAMAGED_MESSAGE);
    await expect(readWordFile(Buffer.from(macros))).rejects.toThrow(MACROS_MESSAGE);
    // Refusals leave the worker serving.
    expect((await analyseDocx({ bytes: new Uint8Array(FIXTURE), fileName: "word-fixture.docx" })).summary.articles).toBe(2);
  });

  it("refuses a Word file without any text, checked in the worker after the schema check", async () => {
    const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: "" })] }] }));
    await expect(analyseDocx({ bytes: new Uint8Array(empty), fileName: "empty.docx" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: "The document has no text to import." });
  });

  it("plans a replacement of a draft's text in the worker an import already started", async () => {
    // Started by an import first: a worker's answers were once checked with the schema of the request that started it.
    await analyseDocx({ bytes: new Uint8Array(FIXTURE), fileName: "word-fixture.docx" });
    const current = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The draft as it stands." }] }] };
    const secretariat = { id: "s", name: "Rita", email: "rita@rcc.int", role: "SECRETARIAT" as const, organisationCode: "RCC", isActive: true };
    const { replacement, summary } = await analyseDocxReplacing({
      bytes: new Uint8Array(FIXTURE),
      fileName: "word-fixture.docx",
      replacing: { stateParts: [yjsStateFromJson(current)], actor: secretariat, target: { id: "d", kind: "OTHER" } },
    });
    expect(summary.articles).toBe(2);
    expect(replacement.refusal).toBeNull();
    expect(JSON.parse(replacement.previous.content).content[0].content[0].text).toBe("The draft as it stands.");
    expect(replacement.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(replacement.update.length).toBeGreaterThan(0);
  });

  it("leaves the caller's bytes as they were (the worker reads a copy)", async () => {
    const bytes = new Uint8Array(FIXTURE);
    await analyseDocx({ bytes, fileName: "word-fixture.docx" });
    expect(Buffer.from(bytes).equals(FIXTURE)).toBe(true);
  });
});
