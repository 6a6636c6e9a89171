import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentSchema, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { encodeBlockSuggestion, type BlockForm } from "@/lib/editor/block-suggestion";
import { encodeNoteRewording, encodeNoteSuggestion } from "@/lib/editor/note-suggestion";
import { encodeTableSuggestion } from "@/lib/editor/table-suggestion";
import { buildDocx } from "@/lib/exports/build-docx";
import { pdfDefinition } from "@/lib/exports/pdf-definition";
import { exportDocx } from "@/lib/exports/export-docx";
import { exportSourceOf } from "@/lib/exports/fixtures/export-source";
import { readSource, type ExportSource } from "@/lib/exports/read-source";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { canonicalContentFromJson, jsonFromContent } from "@/lib/versions/canonical-content";
import { createVersion } from "@/lib/versions/create-version";

// Fixed attribution: the tests compare it with what Word reads, never with today's date.
const by = (code: string, name: string, id: string) => ({ id, authorId: `user-${code}`, authorName: name, organisationCode: code, createdAt: "2026-03-01T10:00:00.000Z" });
const ALBANIA = by("AL", "Arta Hoxha", "s-al");
const SERBIA = by("RS", "Ana Petrović", "s-rs");
const MONTENEGRO = by("ME", "Milo Vuković", "s-me");
const MACEDONIA = by("MK", "Elena Stojanova", "s-mk");
const KOSOVO = by("XK", "Drita Krasniqi", "s-xk");

const body: BlockForm = { type: "paragraph", level: null, article: false, numbered: false, list: null };
const text = (value: string, marks?: ProseMirrorJson["marks"]): ProseMirrorJson => ({ type: "text", text: value, ...(marks ? { marks } : {}) });

/** A text with one suggestion of every kind, each by another economy. */
function textWithEverySuggestion(): ProseMirrorJson {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2, article: true }, content: [text("Purpose")] },
      {
        type: "paragraph",
        content: [
          text("The Participants "),
          text("shall", [{ type: "suggestionDelete", attrs: SERBIA }]),
          text("may", [{ type: "suggestionInsert", attrs: SERBIA }]),
          text(" cooperate "),
          text("closely", [{ type: "suggestionFormat", attrs: { ...ALBANIA, add: "bold", remove: "" } }]),
          text(" and "),
          text("regularly", [{ type: "italic" }, { type: "suggestionFormat", attrs: { ...ALBANIA, add: "", remove: "italic" } }]),
          text("."),
          { type: "note", attrs: { text: "A note Montenegro suggests.", noteSuggestion: encodeNoteSuggestion(MONTENEGRO, "insert") } },
          { type: "note", attrs: { text: "A note Montenegro would delete.", noteSuggestion: encodeNoteSuggestion(MONTENEGRO, "delete") } },
        ],
      },
      {
        type: "paragraph",
        attrs: { blockSuggestion: encodeBlockSuggestion(MACEDONIA, { kind: "form", from: body, to: { type: "heading", level: 2, article: false, numbered: false, list: null } }) },
        content: [text("Scope of cooperation")],
      },
      { type: "paragraph", content: [text("First half of a sentence")] },
      { type: "paragraph", attrs: { blockSuggestion: encodeBlockSuggestion(KOSOVO, { kind: "join" }) }, content: [text("and its second half.")] },
      {
        type: "paragraph",
        attrs: { numbered: true, blockSuggestion: encodeBlockSuggestion(MACEDONIA, { kind: "form", from: { ...body, numbered: true }, to: { ...body, list: "bulletList" } }) },
        content: [text("A numbered paragraph proposed as a bullet.")],
      },
    ],
  };
}

const cell = (words: string, marks?: ProseMirrorJson["marks"]): ProseMirrorJson => ({ type: "tableCell", content: [{ type: "paragraph", content: words ? [text(words, marks)] : [] }] });
const inserted = (who: typeof ALBANIA) => [{ type: "suggestionInsert", attrs: who }];

/** Links suggested in, out and to another address, and tables and rows suggested in and out. */
function textWithLinkAndTableSuggestions(): ProseMirrorJson {
  const link = (href: string) => ({ type: "link", attrs: { href } });
  const linkSuggestion = (add: string, remove: string, href: string) => ({ type: "suggestionFormat", attrs: { ...ALBANIA, add, remove, href } });
  return {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          text("Contact "),
          text("the Secretariat", [linkSuggestion("link", "", "https://www.rcc.int/")]),
          text(", read "),
          text("the old page", [link("https://old.example.org/"), linkSuggestion("", "link", "")]),
          text(" and "),
          text("the rules", [link("https://rules.example.org/v1"), linkSuggestion("link", "link", "https://rules.example.org/v2")]),
          text("."),
        ],
      },
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("Economy"), cell("Role")] },
          { type: "tableRow", attrs: { tableSuggestion: encodeTableSuggestion(SERBIA, "insert") }, content: [cell("Serbia", inserted(SERBIA)), cell("")] },
          { type: "tableRow", attrs: { tableSuggestion: encodeTableSuggestion(MACEDONIA, "delete") }, content: [cell("Montenegro"), cell("Rapporteur")] },
        ],
      },
      {
        type: "table",
        attrs: { tableSuggestion: encodeTableSuggestion(KOSOVO, "insert") },
        content: [{ type: "tableRow", content: [cell("Annex", inserted(KOSOVO)), cell("Budget", inserted(KOSOVO))] }],
      },
      {
        type: "table",
        attrs: { tableSuggestion: encodeTableSuggestion(MONTENEGRO, "delete") },
        content: [{ type: "tableRow", content: [cell("Old table"), cell("Gone")] }],
      },
    ],
  };
}

/** The XML of the Word table row holding `words`. */
function rowWith(documentXml: string, words: string): string {
  const row = documentXml.match(/<w:tr>.*?<\/w:tr>/gs)?.find((candidate) => candidate.includes(words));
  if (!row) throw new Error(`No row with "${words}"`);
  return row;
}

/** The addresses the file's hyperlinks lead to. */
async function linkTargets(bytes: Buffer): Promise<string[]> {
  const relationships = await read(bytes, "word/_rels/document.xml.rels");
  return [...relationships.matchAll(/Type="[^"]*\/hyperlink" Target="([^"]+)"/g)].map((match) => match[1]!);
}

function sourceOf(json: ProseMirrorJson): ExportSource {
  return exportSourceOf(documentSchema().nodeFromJSON(json).toJSON(), { readAt: new Date("2026-03-02T00:00:00Z") });
}

async function read(bytes: Buffer, name: string): Promise<string> {
  return (await (await JSZip.loadAsync(bytes)).file(name)?.async("string")) ?? "";
}

/** The XML of the Word paragraph holding `words`. */
function paragraphWith(documentXml: string, words: string): string {
  const paragraph = documentXml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)?.find((candidate) => candidate.includes(words));
  if (!paragraph) throw new Error(`No paragraph with "${words}"`);
  return paragraph;
}

const attributed = (element: string, author: string) => new RegExp(`<w:${element} w:id="\\d+" w:author="${author.replace(/[()]/g, "\\$&")}" w:date="2026-03-01T10:00:00(\\.000)?Z"`);

describe("Word with tracked changes", () => {
  it("writes every kind of suggestion as Word's own tracked change, attributed 'Name (Economy)'", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(textWithEverySuggestion()), trackChanges: true });
    const documentXml = await read(bytes, "word/document.xml");

    // Words: an insertion and a deletion.
    const sentence = paragraphWith(documentXml, "The Participants");
    expect(sentence).toMatch(new RegExp(`${attributed("del", "Ana Petrović (Serbia)").source}>.*?<w:delText[^>]*>shall</w:delText>`));
    expect(sentence).toMatch(new RegExp(`${attributed("ins", "Ana Petrović (Serbia)").source}>.*?<w:t[^>]*>may</w:t>`));

    // Formatting: the run shows the proposed formatting, Word keeps the formatting as it stands in w:rPrChange.
    const closely = sentence.match(/<w:r>(?:(?!<w:r>).)*?closely<\/w:t><\/w:r>/s)?.[0] ?? "";
    expect(closely).toMatch(/<w:rPr><w:b\/><w:bCs\/>.*<w:rPrChange [^>]*w:author="Arta Hoxha \(Albania\)"[^>]*><w:rPr><w:b w:val="false"\/><w:bCs w:val="false"\/><\/w:rPr><\/w:rPrChange><\/w:rPr>/s);
    const regularly = sentence.match(/<w:r>(?:(?!<w:r>).)*?regularly<\/w:t><\/w:r>/s)?.[0] ?? "";
    expect(regularly).toMatch(/<w:rPr><w:rPrChange [^>]*w:author="Arta Hoxha \(Albania\)"[^>]*><w:rPr><w:i\/><w:iCs\/><\/w:rPr><\/w:rPrChange><\/w:rPr>/);

    // Notes: the references inside an insertion and a deletion, the footnotes' wording too.
    expect(sentence).toMatch(new RegExp(`${attributed("ins", "Milo Vuković (Montenegro)").source}><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:ins>`));
    expect(sentence).toMatch(new RegExp(`${attributed("del", "Milo Vuković (Montenegro)").source}><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r></w:del>`));
    const footnotes = await read(bytes, "word/footnotes.xml");
    expect(footnotes).toMatch(new RegExp(`${attributed("ins", "Milo Vuković (Montenegro)").source}>.*?A note Montenegro suggests\\.`));
    expect(footnotes).toMatch(new RegExp(`${attributed("del", "Milo Vuković (Montenegro)").source}>.*?A note Montenegro would delete\\.`));

    // A style: the proposed heading, the body text it was kept as Word's earlier paragraph properties.
    const scope = paragraphWith(documentXml, "Scope of cooperation");
    expect(scope).toMatch(/<w:pPr><w:pStyle w:val="Heading2"\/>.*<w:pPrChange [^>]*w:author="Elena Stojanova \(North Macedonia\)"[^>]*><w:pPr><w:jc w:val="both"\/><\/w:pPr><\/w:pPrChange><\/w:pPr>/s);

    // A join: the paragraph mark before the joined paragraph is deleted.
    const firstHalf = paragraphWith(documentXml, "First half of a sentence");
    expect(firstHalf).toMatch(new RegExp(`<w:pPr>.*<w:rPr>${attributed("del", "Drita Krasniqi (Kosovo\\*)").source}/></w:rPr>.*</w:pPr>`, "s"));
    expect(paragraphWith(documentXml, "and its second half.")).not.toContain("<w:del ");

    // Into a list: the proposed bullet as the paragraph's numbering, its number "1." deleted, the numbered form kept as earlier properties.
    const bullet = paragraphWith(documentXml, "A numbered paragraph proposed as a bullet.");
    expect(bullet).toMatch(/<w:pPr>.*<w:numPr>.*<w:pPrChange [^>]*w:author="Elena Stojanova \(North Macedonia\)"[^>]*><w:pPr>(?:(?!<w:numPr>).)*<w:ind w:left="567" w:hanging="567"\/>.*<\/w:pPrChange>/s);
    expect(bullet).toMatch(new RegExp(`${attributed("del", "Elena Stojanova (North Macedonia)").source}>.*?<w:delText[^>]*>1\\.\t</w:delText>`));
  });

  it("leaves all of it out of the clean Word file: proposed words and the suggested note out, the note proposed for deletion kept", async () => {
    const source = sourceOf(textWithEverySuggestion());
    for (const threads of [undefined, []]) {
      const { bytes } = await buildDocx({ source, threads });
      const documentXml = await read(bytes, "word/document.xml");
      for (const element of ["<w:ins ", "<w:del ", "<w:rPrChange", "<w:pPrChange"]) expect(documentXml).not.toContain(element);
      expect(documentXml).toContain(">shall<");
      expect(documentXml).not.toContain(">may<");
      expect(documentXml.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(1);
      const footnotes = await read(bytes, "word/footnotes.xml");
      expect(footnotes).toContain("A note Montenegro would delete.");
      expect(footnotes).not.toContain("A note Montenegro suggests.");
      // The paragraph proposed as a heading stands as body text, the numbered one keeps its number.
      expect(paragraphWith(documentXml, "Scope of cooperation")).not.toContain("Heading2");
      expect(paragraphWith(documentXml, "A numbered paragraph proposed as a bullet.")).toMatch(/<w:t[^>]*>1\.\t<\/w:t>/);
    }
  });
});

describe("Word with tracked changes: a note's new wording", () => {
  const reworded = (): ProseMirrorJson => ({
    type: "doc",
    content: [{ type: "paragraph", content: [text("The Participants cooperate."), { type: "note", attrs: { text: "See Annex I.", noteSuggestion: encodeNoteRewording(KOSOVO, "See Annexes I and II.") } }] }],
  });

  it("writes it inside the footnote as the wording deleted and the proposed one inserted, attributed 'Name (Economy)'; the reference stays as it is", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(reworded()), trackChanges: true });
    const footnotes = await read(bytes, "word/footnotes.xml");
    const del = attributed("del", "Drita Krasniqi (Kosovo\\*)").source;
    const ins = attributed("ins", "Drita Krasniqi (Kosovo\\*)").source;
    expect(footnotes).toMatch(new RegExp(`${del}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>See Annex I\\.</w:delText></w:r></w:del>${ins}><w:r>(?:(?!</w:r>).)*<w:t[^>]*>See Annexes I and II\\.</w:t></w:r></w:ins>`, "s"));
    const sentence = paragraphWith(await read(bytes, "word/document.xml"), "The Participants cooperate.");
    expect(sentence).toContain('<w:footnoteReference w:id="1"/>');
    expect(sentence).not.toMatch(/<w:(ins|del) /);
  });

  it("leaves it out of the clean file: the footnote's wording as it stands", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(reworded()) });
    const footnotes = await read(bytes, "word/footnotes.xml");
    expect(footnotes).toContain(">See Annex I.<");
    expect(footnotes).not.toContain("Annexes I and II");
    expect(footnotes).not.toMatch(/<w:(ins|del) /);
  });
});

describe("Word with tracked changes: links, tables and rows", () => {
  it("writes a suggested link as the words deleted as they stand and inserted with the proposed link, in the suggester's name", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(textWithLinkAndTableSuggestions()), trackChanges: true });
    const documentXml = await read(bytes, "word/document.xml");
    const relationships = await read(bytes, "word/_rels/document.xml.rels");
    const targetOf = (id: string) => relationships.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? relationships.match(new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`))?.[1];
    const sentence = paragraphWith(documentXml, "Contact ");
    const del = attributed("del", "Arta Hoxha (Albania)").source;
    const ins = attributed("ins", "Arta Hoxha (Albania)").source;

    // Added: deleted without a link, inserted inside the new link.
    expect(sentence).toMatch(new RegExp(`Contact </w:t></w:r>${del}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>the Secretariat</w:delText></w:r></w:del><w:hyperlink [^>]*>${ins}><w:r>(?:(?!</w:r>).)*<w:t[^>]*>the Secretariat</w:t></w:r></w:ins></w:hyperlink>`, "s"));
    const added = sentence.match(new RegExp(`<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>${ins}><w:r>(?:(?!</w:r>).)*>the Secretariat<`, "s"))?.[1] ?? "";
    expect(targetOf(added)).toBe("https://www.rcc.int/");

    // Removed: deleted inside the old link, inserted without one.
    expect(sentence).toMatch(new RegExp(`<w:hyperlink [^>]*>${del}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>the old page</w:delText></w:r></w:del></w:hyperlink>${ins}><w:r>(?:(?!</w:r>).)*<w:t[^>]*>the old page</w:t></w:r></w:ins><w:r>`, "s"));
    const removed = sentence.match(new RegExp(`<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>${del}><w:r>(?:(?!</w:r>).)*>the old page<`, "s"))?.[1] ?? "";
    expect(targetOf(removed)).toBe("https://old.example.org/");

    // Changed: the old address's words deleted, the new address's inserted.
    const oldRules = sentence.match(new RegExp(`<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>${del}><w:r>(?:(?!</w:r>).)*>the rules<`, "s"))?.[1] ?? "";
    const newRules = sentence.match(new RegExp(`<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>${ins}><w:r>(?:(?!</w:r>).)*>the rules<`, "s"))?.[1] ?? "";
    expect(targetOf(oldRules)).toBe("https://rules.example.org/v1");
    expect(targetOf(newRules)).toBe("https://rules.example.org/v2");
  });

  it("writes suggested rows and tables as Word's inserted and deleted rows, their words and paragraph marks with them", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(textWithLinkAndTableSuggestions()), trackChanges: true });
    const documentXml = await read(bytes, "word/document.xml");
    const rowMark = (element: string, author: string) => new RegExp(`<w:trPr>(?:(?!</w:trPr>).)*${attributed(element, author).source}/>(?:(?!</w:trPr>).)*</w:trPr>`, "s");

    expect(rowWith(documentXml, "Economy")).not.toMatch(/<w:(ins|del) /);

    // A new row: the row inserted; its words (the suggester's own) and both cells' paragraph marks too, the empty cell included.
    const newRow = rowWith(documentXml, "Serbia");
    expect(newRow).toMatch(rowMark("ins", "Ana Petrović (Serbia)"));
    expect(newRow).toMatch(new RegExp(`${attributed("ins", "Ana Petrović (Serbia)").source}><w:r>(?:(?!</w:r>).)*<w:t[^>]*>Serbia</w:t>`, "s"));
    expect(newRow.match(new RegExp(`<w:pPr>(?:(?!</w:pPr>).)*<w:rPr>${attributed("ins", "Ana Petrović (Serbia)").source}/></w:rPr>`, "gs"))).toHaveLength(2);

    // A row to delete: the row deleted, its words deleted in the suggester's name.
    const oldRow = rowWith(documentXml, "Rapporteur");
    expect(oldRow).toMatch(rowMark("del", "Elena Stojanova (North Macedonia)"));
    for (const words of ["Montenegro", "Rapporteur"]) expect(oldRow).toMatch(new RegExp(`${attributed("del", "Elena Stojanova (North Macedonia)").source}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>${words}</w:delText>`, "s"));

    // A whole table: every row so marked.
    expect(rowWith(documentXml, "Annex")).toMatch(rowMark("ins", "Drita Krasniqi (Kosovo\\*)"));
    const oldTable = rowWith(documentXml, "Old table");
    expect(oldTable).toMatch(rowMark("del", "Milo Vuković (Montenegro)"));
    expect(oldTable).toMatch(new RegExp(`${attributed("del", "Milo Vuković (Montenegro)").source}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>Gone</w:delText>`, "s"));
  });

  it("leaves them out of the clean and 'with comments' files as the clean text has them: new tables, rows and links out, those to delete kept", async () => {
    const json = textWithLinkAndTableSuggestions();
    // What the clean text (the digested one) keeps, which the files must show.
    const count = (node: ProseMirrorJson, type: string): number => (node.type === type ? 1 : 0) + (node.content ?? []).reduce((sum, child) => sum + count(child, type), 0);
    const clean = jsonFromContent(canonicalContentFromJson(json));
    expect([count(clean, "table"), count(clean, "tableRow")]).toEqual([2, 3]);
    for (const threads of [undefined, []]) {
      const { bytes } = await buildDocx({ source: sourceOf(json), threads });
      const documentXml = await read(bytes, "word/document.xml");
      for (const element of ["<w:ins ", "<w:del ", "<w:rPrChange"]) expect(documentXml).not.toContain(element);
      // Links as they stand: the suggested one and the suggested new address absent, the ones to remove or change kept.
      expect((await linkTargets(bytes)).sort()).toEqual(["https://old.example.org/", "https://rules.example.org/v1"]);
      // Tables: the new row and the new table out, the row and the table to delete kept.
      expect(documentXml.match(/<w:tbl>/g)).toHaveLength(2);
      expect(documentXml.match(/<w:tr>/g)).toHaveLength(3);
      expect(documentXml).not.toContain(">Serbia<");
      expect(documentXml).not.toContain(">Annex<");
      for (const words of ["Economy", "Rapporteur", "Old table"]) expect(documentXml).toContain(`>${words}<`);
    }
  });
});

describe("Word with a suggested table column", () => {
  // Albania suggests a column (its cells carry her suggestion, one with words she typed); Serbia suggests deleting the "Role" column.
  const newColumn = encodeTableSuggestion(ALBANIA, "insert");
  const goneColumn = encodeTableSuggestion(SERBIA, "delete");
  const withColumn = (base: ProseMirrorJson, suggestion: string): ProseMirrorJson => ({ ...base, attrs: { ...base.attrs, tableSuggestion: suggestion } });
  const json: ProseMirrorJson = {
    type: "doc",
    content: [
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("Economy"), withColumn(cell("Role"), goneColumn), withColumn(cell("Capital", inserted(ALBANIA)), newColumn)] },
          { type: "tableRow", content: [cell("Albania"), withColumn(cell("Chair"), goneColumn), withColumn(cell(""), newColumn)] },
        ],
      },
    ],
  };

  it("marks the column's cells' words and paragraph marks inserted or deleted, since Word has no revision for a column", async () => {
    const { bytes } = await buildDocx({ source: sourceOf(json), trackChanges: true });
    const documentXml = await read(bytes, "word/document.xml");
    // No row is inserted or deleted.
    expect(documentXml).not.toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:(ins|del) /s);
    const insertedMark = new RegExp(`<w:pPr>(?:(?!</w:pPr>).)*<w:rPr>${attributed("ins", "Arta Hoxha (Albania)").source}/></w:rPr>`, "gs");
    const deletedMark = new RegExp(`<w:pPr>(?:(?!</w:pPr>).)*<w:rPr>${attributed("del", "Ana Petrović (Serbia)").source}/></w:rPr>`, "gs");
    // Each row: one paragraph mark inserted (the new column's cell, the empty one included) and one deleted.
    for (const words of ["Economy", "Albania"]) {
      expect(rowWith(documentXml, words).match(insertedMark)).toHaveLength(1);
      expect(rowWith(documentXml, words).match(deletedMark)).toHaveLength(1);
    }
    expect(rowWith(documentXml, "Economy")).toMatch(new RegExp(`${attributed("ins", "Arta Hoxha (Albania)").source}><w:r>(?:(?!</w:r>).)*<w:t[^>]*>Capital</w:t>`, "s"));
    for (const words of ["Role", "Chair"]) expect(documentXml).toMatch(new RegExp(`${attributed("del", "Ana Petrović (Serbia)").source}><w:r>(?:(?!</w:r>).)*<w:delText[^>]*>${words}</w:delText>`, "s"));
    expect(rowWith(documentXml, "Economy")).not.toMatch(/<w:(ins|del) [^>]*>(?:(?!<\/w:(ins|del)>).)*>Economy</s);
  });

  it("leaves the new column out of the clean file and keeps the one to delete", async () => {
    const documentXml = await read((await buildDocx({ source: sourceOf(json) })).bytes, "word/document.xml");
    expect(documentXml).not.toContain(">Capital<");
    for (const words of ["Economy", "Role", "Albania", "Chair"]) expect(documentXml).toContain(`>${words}<`);
    expect(rowWith(documentXml, "Albania").match(/<w:tc>/g)).toHaveLength(2);
  });
});

describe("the PDF of a text with suggested tables and rows", () => {
  it("leaves the new ones out and keeps those to delete, as the clean text has them", async () => {
    const definition = pdfDefinition({ source: readSource(sourceOf(textWithLinkAndTableSuggestions())), annex: { rounds: [], economies: [], auditHead: null, verifyUrl: null } });
    const text = JSON.stringify(definition.content);
    for (const words of ["Economy", "Rapporteur", "Old table"]) expect(text).toContain(words);
    for (const words of ["Serbia", "Budget"]) expect(text).not.toContain(words);
    // pdfmake tables of the text (the annex has none without rounds): two rows and one once the new row and table are out.
    const tableRows = (value: unknown): number[] =>
      Array.isArray(value) ? value.flatMap(tableRows) : value && typeof value === "object" ? [...("table" in value ? [(value.table as { body: unknown[] }).body.length] : []), ...Object.values(value).flatMap(tableRows)] : [];
    expect(tableRows(definition.content)).toEqual([2, 1]);
  });
});

describe("a version's Word file with tracked changes", () => {
  let testDatabase: TestDatabase;
  let secretariat: Actor;
  let observer: Actor;

  beforeAll(async () => {
    testDatabase = await createSqliteTestDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Rita Secretariat" });
    observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
  });
  afterAll(() => testDatabase.drop());

  async function versionWithSuggestions() {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "MoU on trust services", template: "blank" });
    await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(textWithEverySuggestion())) } });
    const version = await createVersion({ actor: secretariat, documentId, name: "Draft with open suggestions" });
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: version.id } });
    return { documentId, version: stored };
  }

  const footerOf = async (bytes: Buffer) => (await Promise.all(["word/footer1.xml", "word/footer2.xml", "word/footer3.xml"].map((name) => read(bytes, name)))).join("");

  it("shows the open suggestions the version kept, under the digest of its clean text", async () => {
    const { documentId, version } = await versionWithSuggestions();
    expect(version.digestWithSuggestions).not.toBe(version.digest);

    const file = await exportDocx({ actor: observer, documentId, versionId: version.id, variant: "changes" });
    const documentXml = await read(file.bytes, "word/document.xml");
    expect(documentXml).toMatch(attributed("ins", "Ana Petrović (Serbia)"));
    expect(documentXml).toMatch(attributed("rPrChange", "Arta Hoxha (Albania)"));
    expect(documentXml).toMatch(attributed("pPrChange", "Elena Stojanova (North Macedonia)"));
    expect(documentXml).toMatch(attributed("ins", "Milo Vuković (Montenegro)"));
    expect(documentXml).toMatch(attributed("del", "Drita Krasniqi (Kosovo\\*)"));

    const footer = await footerOf(file.bytes);
    expect(footer).toContain(version.digest);
    expect(footer).not.toContain(version.digestWithSuggestions);
    expect(footer).toContain("Tracked changes: the open suggestions; the SHA-256 is of the text without them.");
    expect(file.digest).toBe(version.digest);

    // Clean and with comments: the version's clean text, as before.
    for (const variant of ["clean", "comments"] as const) {
      const clean = await exportDocx({ actor: observer, documentId, versionId: version.id, variant });
      const cleanXml = await read(clean.bytes, "word/document.xml");
      expect(cleanXml).not.toContain("<w:ins ");
      expect(cleanXml).not.toContain(">may<");
      expect(await footerOf(clean.bytes)).not.toContain("Tracked changes");
    }
  });

  it("says so in the footer when the version was saved before Accord kept open suggestions", async () => {
    const { documentId, version } = await versionWithSuggestions();
    // As a version saved before migration 0008 is stored: the clean text only.
    await testDatabase.database.documentVersion.update({ where: { id: version.id }, data: { contentWithSuggestions: null, digestWithSuggestions: null } });

    const file = await exportDocx({ actor: observer, documentId, versionId: version.id, variant: "changes" });
    const documentXml = await read(file.bytes, "word/document.xml");
    expect(documentXml).not.toContain("<w:ins ");
    expect(documentXml).toContain("The Participants shall cooperate");
    const footer = await footerOf(file.bytes);
    expect(footer).toContain(version.digest);
    expect(footer).toContain("This version was saved before Accord kept open suggestions: it has no tracked changes to show.");
  });
});
