import { describe, expect, it } from "vitest";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { compareTexts } from "@/lib/versions/compare-texts";
import { memorandumDraft } from "@/lib/documents/memorandum-template";

/** The MoU draft with some text replaced, as a collaborator's edit would leave it. */
function edited(replacements: [string, string][]): ProseMirrorJson {
  let text = JSON.stringify(memorandumDraft());
  for (const [from, to] of replacements) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return JSON.parse(text);
}

const changedParts = (comparison: ReturnType<typeof compareTexts>) =>
  comparison.rows.flatMap((row) => row.parts.filter((part) => part.change !== "same").map((part) => [part.change, part.text.trim()]));

describe("compareTexts", () => {
  it("finds nothing between identical texts", () => {
    const comparison = compareTexts(memorandumDraft(), memorandumDraft());
    expect(comparison).toMatchObject({ isIdentical: true, articles: [], wordsAdded: 0, wordsRemoved: 0 });
  });

  it("shows exactly the words that changed and the articles they are in", () => {
    const comparison = compareTexts(
      memorandumDraft(),
      edited([
        ["shall meet at least twice a year", "shall meet at least three times a year"],
        ["machine-readable format", "machine-readable and signed format"],
      ]),
    );
    expect(changedParts(comparison)).toEqual([
      ["added", "and signed"],
      ["removed", "twice"],
      ["added", "three times"],
    ]);
    expect(comparison.articles).toEqual([
      { article: "Mutual recognition of trust services", wordsAdded: 2, wordsRemoved: 0, blocksChanged: 1 },
      { article: "Governance", wordsAdded: 2, wordsRemoved: 1, blocksChanged: 1 },
    ]);
    const changedRow = comparison.rows.find((row) => row.change === "changed" && row.article === "Governance")!;
    expect(changedRow.before?.text).toContain("twice a year");
    expect(changedRow.after?.text).toContain("three times a year");
  });

  it("shows added and removed paragraphs whole, and keeps unrelated paragraphs apart", () => {
    const before = memorandumDraft();
    const after = memorandumDraft();
    const purpose = after.content!.findIndex((node) => node.content?.[0]?.text === "Purpose");
    after.content!.splice(purpose + 2, 0, { type: "paragraph", content: [{ type: "text", text: "Cooperation shall respect data protection rules." }] });
    const finalProvisions = after.content!.findIndex((node) => node.content?.[0]?.text === "Final provisions");
    after.content!.splice(finalProvisions + 1, 1);
    const comparison = compareTexts(before, after);
    expect(comparison.rows.filter((row) => row.change !== "same").map((row) => [row.change, row.article])).toEqual([
      ["added", "Purpose"],
      ["removed", "Final provisions"],
    ]);
    expect(comparison.wordsAdded).toBe(6);
    expect(comparison.wordsRemoved).toBe(12);
  });

  it("reports a formatting-only change without inventing word changes", () => {
    const after = memorandumDraft();
    const paragraph = after.content!.find((node) => node.content?.[0]?.text === "Have reached the following understanding:")!;
    paragraph.content = [{ type: "text", text: "Have reached the following understanding:", marks: [{ type: "bold" }] }];
    const comparison = compareTexts(memorandumDraft(), after);
    expect(comparison.rows.filter((row) => row.change !== "same").map((row) => row.change)).toEqual(["restyled"]);
    expect(comparison.isIdentical).toBe(false);
    expect(comparison.articles).toEqual([{ article: "Preamble", wordsAdded: 0, wordsRemoved: 0, blocksChanged: 1 }]);
  });

  it("labels a renamed article and text before the first article", () => {
    const comparison = compareTexts(memorandumDraft(), edited([['"text":"Purpose"', '"text":"Objectives"'], ["Draft proposed by Albania", "Draft proposed by Albania and Serbia"]]));
    expect(comparison.articles.map((entry) => entry.article)).toEqual([null, "Objectives"]);
  });
});
