import { describe, expect, it } from "vitest";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { numberProseMirrorDocument } from "@/lib/editor/numbering";

const text = (value: string): ProseMirrorJson => ({ type: "text", text: value });
const article = (title: string): ProseMirrorJson => ({ type: "heading", attrs: { level: 2, article: true }, content: [text(title)] });
const numbered = (value: string, ...rest: ProseMirrorJson[]): ProseMirrorJson => ({ type: "paragraph", attrs: { numbered: true }, content: [text(value), ...rest] });
const note = (wording: string): ProseMirrorJson => ({ type: "note", attrs: { text: wording } });

describe("numberProseMirrorDocument (the stylesheet's counting rules, for views without CSS counters)", () => {
  it("counts articles through the text, paragraphs from 1 in each article, and notes in reading order", () => {
    const doc = documentSchema().nodeFromJSON({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("Preamble")] },
        { type: "paragraph", content: [text("Unnumbered."), note("First note.")] },
        article("Purpose"),
        numbered("One."),
        numbered("Two.", note("Second note.")),
        { type: "heading", attrs: { level: 3, article: true }, content: [text("Not an article: level 3")] },
        article("Governance"),
        numbered("One again."),
      ],
    });
    const { blocks, notes } = numberProseMirrorDocument(doc);
    const labels: string[] = [];
    doc.descendants((node) => {
      if (node.isTextblock) labels.push(`${blocks.get(node)?.label ?? "-"} ${node.textContent}`);
      return true;
    });
    expect(labels).toEqual(["- Preamble", "- Unnumbered. [Note: First note.]", "Article 1 Purpose", "1. One.", "2. Two. [Note: Second note.]", "- Not an article: level 3", "Article 2 Governance", "1. One again."]);
    expect(notes).toEqual([{ number: 1, text: "First note." }, { number: 2, text: "Second note." }]);
  });
});
