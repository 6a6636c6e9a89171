import { describe, expect, it } from "vitest";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { compareTexts, partsOfSide } from "@/lib/versions/compare-texts";
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

  it("keeps each side's own spacing side by side, so words never run together across a change", () => {
    const comparison = compareTexts(
      memorandumDraft(),
      edited([
        ["twice a year and shall adopt", "twice a year, in person, and shall adopt"],
        ["does not create any legally binding", "does not create legally binding"],
      ]),
    );
    const changed = comparison.rows.filter((row) => row.change === "changed");
    expect(changed).toHaveLength(2);
    for (const row of comparison.rows) {
      for (const side of ["before", "after"] as const) {
        if (row[side]) expect(partsOfSide(row, side).map((part) => part.text).join("")).toBe(row[side]!.text);
      }
    }
    const governance = changed[0]!;
    expect(partsOfSide(governance, "before").map((part) => part.text).join("")).toContain("twice a year and shall adopt");
    expect(partsOfSide(governance, "after").filter((part) => part.change === "added").map((part) => part.text.trim())).toEqual([", in person,"]);
    expect(partsOfSide(changed[1]!, "after").map((part) => part.text).join("")).toContain("does not create legally binding");
  });

  it("numbers articles and paragraphs in the compared blocks as the editor does", () => {
    const comparison = compareTexts(memorandumDraft(), memorandumDraft());
    const numbered = comparison.rows.map((row) => row.after!).filter((block) => block.number).map((block) => [block.number!.label, block.text.slice(0, 24)]);
    expect(numbered.slice(0, 5)).toEqual([
      ["Article 1", "Purpose"],
      ["Article 2", "Definitions"],
      ["Article 3", "Mutual recognition of tr"],
      ["1.", "Each Participant shall r"],
      ["2.", "The Participants shall p"],
    ]);
    expect(numbered.filter(([label]) => label.startsWith("Article")).map(([label]) => label)).toEqual(["Article 1", "Article 2", "Article 3", "Article 4", "Article 5", "Article 6"]);
  });
});
