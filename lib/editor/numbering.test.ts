import { describe, expect, it } from "vitest";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleHeadingText, numberDocument } from "@/lib/editor/numbering";

const text = (value: string): ProseMirrorJson => ({ type: "text", text: value });
const article = (title: string): ProseMirrorJson => ({ type: "heading", attrs: { level: 2, article: true }, content: [text(title)] });
const numbered = (value: string, extra: ProseMirrorJson[] = []): ProseMirrorJson => ({ type: "paragraph", attrs: { numbered: true }, content: [text(value), ...extra] });
const note = (value: string): ProseMirrorJson => ({ type: "note", attrs: { text: value } });

// The same rules as the CSS counters in components/editor/editor.css.
describe("numbering like the editor", () => {
  it("numbers level-2 article headings, restarts paragraphs at each article and counts notes across the document", () => {
    const preambleParagraph = numbered("Before any article", [note("first")]);
    const first = article("Purpose");
    const a1 = numbered("One");
    const a2 = numbered("Two", [note("second")]);
    const plainHeading: ProseMirrorJson = { type: "heading", attrs: { level: 2 }, content: [text("Annex")] };
    const levelThreeArticle: ProseMirrorJson = { type: "heading", attrs: { level: 3, article: true }, content: [text("Not counted")] };
    const a3 = numbered("Three, after an unnumbered heading");
    const second = article("Scope");
    const inList = numbered("In a list");
    const inTable = numbered("In a table", [note("third")]);
    const doc: ProseMirrorJson = {
      type: "doc",
      content: [
        preambleParagraph,
        first,
        a1,
        a2,
        plainHeading,
        levelThreeArticle,
        a3,
        second,
        { type: "bulletList", content: [{ type: "listItem", content: [inList] }] },
        { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [inTable] }] }] },
      ],
    };
    const numbering = numberDocument(doc);
    expect(numbering.articles.get(first)).toBe(1);
    expect(numbering.articles.get(second)).toBe(2);
    expect(numbering.articles.has(plainHeading)).toBe(false);
    expect(numbering.articles.has(levelThreeArticle)).toBe(false);
    expect([preambleParagraph, a1, a2, a3, inList, inTable].map((paragraph) => numbering.paragraphs.get(paragraph))).toEqual([1, 1, 2, 3, 1, 2]);
    expect([...numbering.notes.values()]).toEqual([1, 2, 3]);
    expect([...numbering.notes.keys()].map((marker) => marker.attrs?.text)).toEqual(["first", "second", "third"]);
  });

  it("writes an article heading on one line", () => {
    expect(articleHeadingText(3, "Governance")).toBe("Article 3 — Governance");
    expect(articleHeadingText(4, "  ")).toBe("Article 4");
  });
});
