import { expect, test } from "vitest";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { openingOf } from "@/lib/documents/opening";

const paragraph = (text: string): ProseMirrorJson => ({ type: "paragraph", content: [{ type: "text", text }] });
const list = (...items: string[]): ProseMirrorJson => ({ type: "bulletList", content: items.map((text) => ({ type: "listItem", content: [paragraph(text)] })) });
const doc = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: "doc", content });

test("a short document is its own opening, unchanged", () => {
  const json = doc(paragraph("One"), paragraph("Two"));
  expect(openingOf(json, 100)).toEqual({ json, isWhole: true });
});

test("a long document opens with whole blocks until the text reaches the budget, nested text counted", () => {
  const json = doc(paragraph("a".repeat(40)), list("b".repeat(30), "c".repeat(30)), paragraph("d".repeat(10)), paragraph("e"));
  // 40, then 100 with the list's two items: the budget of 90 is reached within the list, which is kept whole.
  expect(openingOf(json, 90)).toEqual({ json: doc(paragraph("a".repeat(40)), list("b".repeat(30), "c".repeat(30))), isWhole: false });
});

test("the first block is kept even when it alone is over the budget", () => {
  const json = doc(paragraph("x".repeat(500)), paragraph("y"));
  expect(openingOf(json, 10)).toEqual({ json: doc(paragraph("x".repeat(500))), isWhole: false });
});

test("an empty document is whole", () => {
  expect(openingOf({ type: "doc" }, 10)).toEqual({ json: { type: "doc" }, isWhole: true });
});
