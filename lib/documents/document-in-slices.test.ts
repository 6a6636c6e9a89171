import { describe, expect, test } from "vitest";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { documentFromJsonInSlices } from "@/lib/documents/document-in-slices";

/** A long text: an article heading and numbered paragraphs, over and over (about 100 pages). */
function longText(): ProseMirrorJson {
  const content: ProseMirrorJson[] = [];
  for (let article = 1; article <= 300; article += 1) {
    content.push({ type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: `Article ${article}` }] });
    for (let paragraph = 1; paragraph <= 6; paragraph += 1) {
      content.push({ type: "paragraph", attrs: { numbered: true }, content: [{ type: "text", text: `The Participants shall cooperate on trust services, paragraph ${paragraph} of article ${article}, `.repeat(2) }, { type: "text", marks: [{ type: "bold" }], text: "in good faith." }] });
    }
  }
  return { type: "doc", content };
}

describe("building a document in slices", () => {
  test("gives the document nodeFromJSON gives, and its length", async () => {
    const json = longText();
    const { document, characters } = await documentFromJsonInSlices(json);
    const whole = documentSchema().nodeFromJSON(json);
    expect(document.eq(whole)).toBe(true);
    expect(characters).toBe(whole.textContent.length);
  });

  test("lets the event loop run between slices of a long text", async () => {
    let ranMeanwhile = false;
    const json = longText();
    // Queued before the build starts, so it runs at the build's first yield, whatever the number of slices
    // (queued after, it ran behind the build's own callback, and a build of two slices could finish first).
    setImmediate(() => (ranMeanwhile = true));
    await documentFromJsonInSlices(json);
    expect(ranMeanwhile).toBe(true);
  });

  test("refuses what the schema refuses, inside a block and between blocks", async () => {
    const paragraphInParagraph: ProseMirrorJson = { type: "doc", content: [{ type: "paragraph", content: [{ type: "paragraph" }] }] };
    await expect(documentFromJsonInSlices(paragraphInParagraph)).rejects.toThrow(RangeError);
    const textAtTop: ProseMirrorJson = { type: "doc", content: [{ type: "text", text: "loose words" }] };
    await expect(documentFromJsonInSlices(textAtTop)).rejects.toThrow(RangeError);
  });
});
