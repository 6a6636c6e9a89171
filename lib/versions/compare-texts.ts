import { diffArrays, diffWords } from "diff";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { textBlocksFromJson, type TextBlock } from "@/lib/versions/text-blocks";

/** A run of text in a compared block: unchanged, only in the newer text, or only in the older one. */
export type DiffPart = { text: string; change: "same" | "added" | "removed" };

/**
 * One aligned row of a comparison. "changed" rows carry a word-level diff; "restyled" rows have
 * the same words but different formatting, spacing or block type.
 */
export type DiffRow = {
  change: "same" | "changed" | "restyled" | "added" | "removed";
  before: TextBlock | null;
  after: TextBlock | null;
  parts: DiffPart[];
  article: string | null;
};

/** What changed in one article, for the summary above a comparison. */
export type ArticleChange = { article: string | null; wordsAdded: number; wordsRemoved: number; blocksChanged: number };

export type TextComparison = {
  rows: DiffRow[];
  articles: ArticleChange[];
  wordsAdded: number;
  wordsRemoved: number;
  isIdentical: boolean;
};

/** Compares two documents block by block, then word by word inside the blocks that changed. */
export function compareTexts(before: ProseMirrorJson, after: ProseMirrorJson): TextComparison {
  const beforeBlocks = textBlocksFromJson(before);
  const afterBlocks = textBlocksFromJson(after);
  const rows: DiffRow[] = [];
  let beforeIndex = 0;
  let afterIndex = 0;
  let removed: TextBlock[] = [];
  let added: TextBlock[] = [];

  const flush = () => {
    rows.push(...alignChangedBlocks(removed, added));
    removed = [];
    added = [];
  };

  for (const change of diffArrays(beforeBlocks.map((block) => block.key), afterBlocks.map((block) => block.key))) {
    const count = change.value.length;
    if (change.removed) {
      removed.push(...beforeBlocks.slice(beforeIndex, beforeIndex + count));
      beforeIndex += count;
    } else if (change.added) {
      added.push(...afterBlocks.slice(afterIndex, afterIndex + count));
      afterIndex += count;
    } else {
      flush();
      for (let offset = 0; offset < count; offset++) {
        const block = afterBlocks[afterIndex + offset];
        rows.push({ change: "same", before: beforeBlocks[beforeIndex + offset], after: block, parts: [{ text: block.text, change: "same" }], article: block.article });
      }
      beforeIndex += count;
      afterIndex += count;
    }
  }
  flush();

  const articles = summariseArticles(rows);
  return {
    rows,
    articles,
    wordsAdded: articles.reduce((sum, article) => sum + article.wordsAdded, 0),
    wordsRemoved: articles.reduce((sum, article) => sum + article.wordsRemoved, 0),
    isIdentical: rows.every((row) => row.change === "same"),
  };
}

/**
 * Within a run of removed and added blocks, pairs each removed block with the most similar added
 * block after the previous pair (so the order of the text is kept) and diffs the pair word by word.
 * Blocks without a similar partner are shown as wholly removed or added.
 */
function alignChangedBlocks(removed: TextBlock[], added: TextBlock[]): DiffRow[] {
  // One block replaced by one of the same kind (a reworded heading, say) reads best as one changed row.
  if (removed.length === 1 && added.length === 1 && removed[0].kind === added[0].kind && removed[0].level === added[0].level) {
    return [pairedRow(removed[0], added[0])];
  }
  const rows: DiffRow[] = [];
  let nextAdded = 0;
  for (const block of removed) {
    let bestIndex = -1;
    let bestScore = MINIMUM_SIMILARITY;
    for (let index = nextAdded; index < added.length; index++) {
      const score = similarity(block, added[index]);
      if (score >= bestScore) {
        bestScore = score;
        bestIndex = index;
        if (score === 1) break;
      }
    }
    if (bestIndex < 0) {
      rows.push({ change: "removed", before: block, after: null, parts: [{ text: block.text, change: "removed" }], article: block.article });
      continue;
    }
    for (; nextAdded < bestIndex; nextAdded++) rows.push(addedRow(added[nextAdded]));
    rows.push(pairedRow(block, added[bestIndex]));
    nextAdded = bestIndex + 1;
  }
  for (; nextAdded < added.length; nextAdded++) rows.push(addedRow(added[nextAdded]));
  return rows;
}

/** Below this share of common words two blocks are treated as one removed and one added. */
const MINIMUM_SIMILARITY = 0.3;

function similarity(before: TextBlock, after: TextBlock): number {
  if (before.kind !== after.kind) return 0;
  const beforeWords = new Set(wordsOf(before.text.toLowerCase()));
  const afterWords = new Set(wordsOf(after.text.toLowerCase()));
  if (beforeWords.size === 0 && afterWords.size === 0) return 1;
  let common = 0;
  for (const word of beforeWords) if (afterWords.has(word)) common++;
  return (2 * common) / (beforeWords.size + afterWords.size);
}

function addedRow(block: TextBlock): DiffRow {
  return { change: "added", before: null, after: block, parts: [{ text: block.text, change: "added" }], article: block.article };
}

function pairedRow(before: TextBlock, after: TextBlock): DiffRow {
  const parts: DiffPart[] = diffWords(before.text, after.text).map((change) => ({
    text: change.value,
    change: change.added ? "added" : change.removed ? "removed" : "same",
  }));
  const hasWordChanges = parts.some((part) => part.change !== "same");
  return { change: hasWordChanges ? "changed" : "restyled", before, after, parts, article: after.article ?? before.article };
}

/** A run of one side of a comparison, with the index of the row's part it shows (null for spacing it adds). */
export type SidePart = DiffPart & { partIndex: number | null };

/**
 * The runs one side of a side-by-side comparison shows: its own and the common words, with the
 * spacing of its own text. The word diff hands the space between two words to the insertion or
 * deletion beside them ("a year" + ", in person, " + "and"), so leaving out the other side's runs
 * alone would run words together ("a yearand"); the text of the side's block has the last word.
 */
export function partsOfSide(row: DiffRow, side: "before" | "after"): SidePart[] {
  const block = row[side];
  if (!block) return [];
  const own = side === "before" ? "removed" : "added";
  const text = block.text;
  const parts: SidePart[] = [];
  let at = 0;
  for (const [partIndex, part] of row.parts.entries()) {
    if (part.change !== "same" && part.change !== own) continue;
    let value = part.text;
    if (!text.startsWith(value, at)) {
      const gap = /^\s+/.exec(text.slice(at))?.[0] ?? "";
      if (gap && text.startsWith(value, at + gap.length)) {
        parts.push({ text: gap, change: "same", partIndex: null });
        at += gap.length;
      } else if (text.startsWith(value.trimStart(), at)) {
        value = value.trimStart();
      } else {
        // Never show a side with words that are not its own: mark the whole block instead.
        return [{ text, change: own, partIndex: null }];
      }
    }
    if (value) parts.push({ text: value, change: part.change, partIndex });
    at += value.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), change: "same", partIndex: null });
  return parts;
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function summariseArticles(rows: DiffRow[]): ArticleChange[] {
  const byArticle = new Map<string | null, ArticleChange>();
  for (const row of rows) {
    if (row.change === "same") continue;
    const entry = byArticle.get(row.article) ?? { article: row.article, wordsAdded: 0, wordsRemoved: 0, blocksChanged: 0 };
    entry.blocksChanged++;
    for (const part of row.parts) {
      if (part.change === "added") entry.wordsAdded += wordsOf(part.text).length;
      if (part.change === "removed") entry.wordsRemoved += wordsOf(part.text).length;
    }
    byArticle.set(row.article, entry);
  }
  return [...byArticle.values()];
}
