import { generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { jsonFromYjsState, plainTextFromJson, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { htmlFromJson, notesFromJson } from "@/lib/documents/render";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { documentExtensions } from "@/lib/editor/extensions";
import { encodeNoteRewording, encodeNoteSuggestion } from "@/lib/editor/note-suggestion";

const articleHeading = (title: string): ProseMirrorJson => ({ type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: title }] });

describe("the document schema (shared by the editor and the server)", () => {
  it("keeps article headings, numbered paragraphs and notes through Yjs", () => {
    const json: ProseMirrorJson = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2, article: false }, content: [{ type: "text", text: "Preamble" }] },
        articleHeading("Purpose"),
        {
          type: "paragraph",
          attrs: { numbered: true },
          content: [{ type: "text", text: "Each Participant shall cooperate." }, { type: "note", attrs: { text: "As agreed in Tirana." } }],
        },
      ],
    };
    const back = jsonFromYjsState(yjsStateFromJson(json));
    expect(back).toEqual(json);
    expect(plainTextFromJson(back)).toContain("Each Participant shall cooperate. [Note: As agreed in Tirana.]");
  });

  it("renders articles and numbered paragraphs with the markers the stylesheet counts", () => {
    const html = htmlFromJson(memorandumDraft());
    expect(html).toContain("<h2>Preamble</h2>");
    expect(html).toContain('<h2 data-article="">Purpose</h2>');
    expect(html).toMatch(/<p data-numbered="">Each Participant shall recognise/);
    expect(html.match(/data-article=""/g)).toHaveLength(6);
  });

  it("stores no article number, so articles inserted concurrently converge in one order on every copy", () => {
    // Two people each insert a new article at the same place: both survive in the same order on
    // both copies, and the stylesheet numbers them from that order.
    const base = yjsStateFromJson({ type: "doc", content: [articleHeading("Purpose"), articleHeading("Governance")] });
    const first = new Y.Doc();
    const second = new Y.Doc();
    Y.applyUpdate(first, base);
    Y.applyUpdate(second, base);
    const insertArticle = (doc: Y.Doc, title: string) => {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", 2 as unknown as string);
      heading.setAttribute("article", true as unknown as string);
      heading.insert(0, [new Y.XmlText(title)]);
      doc.getXmlFragment("default").insert(1, [heading]);
    };
    insertArticle(first, "Definitions");
    insertArticle(second, "Scope");
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const headings = (json: ProseMirrorJson) => json.content!.filter((block) => block.attrs?.article).map((block) => block.content![0]!.text);
    const merged = jsonFromYjsState(Y.encodeStateAsUpdate(first));
    expect(headings(merged)).toHaveLength(4);
    expect(merged.content!.every((block) => Object.keys(block.attrs ?? {}).every((name) => ["level", "article"].includes(name)))).toBe(true);
    expect(headings(merged)).toEqual(headings(jsonFromYjsState(Y.encodeStateAsUpdate(second))));
  });

  it("draws a note's suggestion in the HTML and the notes list but never reads one back from HTML, so pasted markup brings none in anyone's name", () => {
    const by = { id: "s-al", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" };
    const note = (attrs: Record<string, unknown>): ProseMirrorJson => ({ type: "paragraph", content: [{ type: "text", text: "Words" }, { type: "note", attrs }] });
    const json: ProseMirrorJson = {
      type: "doc",
      content: [note({ text: "See Annex I.", noteSuggestion: encodeNoteRewording(by, "See Annex II.") }), note({ text: "Proposed.", noteSuggestion: encodeNoteSuggestion(by, "insert") })],
    };
    const html = htmlFromJson(json);
    expect(html).toContain('class="note-suggestion note-suggestion--reword note-marker"');
    expect(html).toContain('title="See Annex I.\nAL proposes: See Annex II."');
    const pasted = generateJSON(html, documentExtensions()) as ProseMirrorJson;
    expect(pasted.content!.map((block) => block.content![1]!.attrs)).toEqual([
      { text: "See Annex I.", noteSuggestion: null },
      { text: "Proposed.", noteSuggestion: null },
    ]);
    // A stored text's notes (a version's page) list the proposed wording under the wording as it stands.
    expect(notesFromJson(json)).toEqual([
      { number: 1, text: "See Annex I.", rewording: { organisationCode: "AL", authorName: "Arta Hoxha", text: "See Annex II." } },
      { number: 2, text: "Proposed.", rewording: null },
    ]);
  });
});
