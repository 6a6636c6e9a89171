import type { ProseMirrorJson } from "@/lib/documents/content";
import { SUGGESTION_DELETE, SUGGESTION_INSERT } from "@/lib/editor/suggestion-marks";
import { KIND_LABEL, STATUS_LABEL, threadOutcome } from "@/lib/exports/labels";
import { attributedName, placeBlocks, placeThreads, type ExportThread } from "@/lib/exports/place-threads";
import type { ReadSource } from "@/lib/exports/read-source";
import type { ResolutionDocxPlan } from "@/lib/exports/write-docx.mts";
import { getOrganisation, KOSOVO_FOOTNOTE } from "@/lib/organisations/catalogue";

/** One line of the comment-resolution table: a comment thread or a pending suggestion. */
export type ResolutionRow = {
  article: string;
  economy: string;
  kind: string;
  passage: string;
  text: string;
  replies: string;
  status: string;
  outcome: string;
};

const NOT_IN_TEXT = "Not in this text (passage deleted or changed)";
const BEFORE_ARTICLES = "Title and preamble";
const REPLY_LENGTH = 160;

const shorten = (value: string, length: number) => {
  const squashed = value.replace(/\s+/g, " ").trim();
  return squashed.length > length ? `${squashed.slice(0, length - 1)}…` : squashed;
};

/** The rows, article by article in reading order; threads whose passage is gone come last. */
export function resolutionRows(source: ReadSource, threads: ExportThread[]): ResolutionRow[] {
  const blocks = placeBlocks(source.json);
  const placement = placeThreads(blocks, threads);
  const placed: { order: number; row: ResolutionRow }[] = [];

  threads.forEach((thread, index) => {
    const blockIndex = placement.get(thread.id) ?? null;
    const [first, ...replies] = thread.comments;
    placed.push({
      order: (blockIndex ?? blocks.length) * 10_000 + index,
      row: {
        article: blockIndex === null ? NOT_IN_TEXT : (blocks[blockIndex]!.article ?? BEFORE_ARTICLES),
        economy: getOrganisation(thread.organisationCode).name,
        kind: KIND_LABEL[thread.kind],
        passage: thread.quote,
        text: [first ? (first.isDeleted ? "(comment deleted)" : first.body) : "", thread.suggestedText !== null ? `Proposed wording: ${thread.suggestedText}` : ""].filter(Boolean).join("\n"),
        replies: replies.map((reply) => `${attributedName(reply.author)}: ${reply.isDeleted ? "(deleted)" : shorten(reply.body, REPLY_LENGTH)}`).join("\n"),
        status: STATUS_LABEL[thread.status],
        outcome: threadOutcome(thread),
      },
    });
  });

  // Pending suggestions (suggesting mode) are part of the same working document.
  blocks.forEach((block, blockIndex) => {
    for (const suggestion of pendingSuggestions(block.node)) {
      placed.push({
        order: blockIndex * 10_000 + 9_000,
        row: {
          article: block.article ?? BEFORE_ARTICLES,
          economy: suggestion.economy,
          kind: suggestion.isInsertion ? "Suggested insertion" : "Suggested deletion",
          passage: suggestion.text,
          text: `${suggestion.isInsertion ? "Insert" : "Delete"} “${suggestion.text}” (${suggestion.author})`,
          replies: "",
          status: "Pending",
          outcome: "",
        },
      });
    }
  });
  return placed.sort((a, b) => a.order - b.order).map((entry) => entry.row);
}

function pendingSuggestions(block: ProseMirrorJson): { isInsertion: boolean; text: string; author: string; economy: string }[] {
  const found: { isInsertion: boolean; text: string; author: string; economy: string; key: string }[] = [];
  for (const child of block.content ?? []) {
    const mark = child.marks?.find((candidate) => candidate.type === SUGGESTION_INSERT || candidate.type === SUGGESTION_DELETE);
    if (!mark || child.type !== "text") continue;
    const attributes = mark.attrs ?? {};
    const code = typeof attributes.organisationCode === "string" ? attributes.organisationCode : "";
    const key = `${mark.type}|${String(attributes.id ?? attributes.suggestionId ?? "")}|${String(attributes.authorId ?? "")}`;
    const last = found.at(-1);
    // Neighbouring pieces of one suggestion (split by formatting) form one row.
    if (last && last.key === key) {
      last.text += child.text ?? "";
      continue;
    }
    let economy = code;
    try {
      economy = getOrganisation(code).name;
    } catch {
      // An unknown code is shown as it is.
    }
    found.push({ isInsertion: mark.type === SUGGESTION_INSERT, text: child.text ?? "", author: String(attributes.authorName ?? "Unknown"), economy, key });
  }
  return found;
}

const COLUMNS: { key: keyof ResolutionRow; label: string; width: number }[] = [
  { key: "article", label: "Article", width: 11 },
  { key: "economy", label: "Economy", width: 10 },
  { key: "kind", label: "Kind", width: 8 },
  { key: "passage", label: "Passage", width: 15 },
  { key: "text", label: "Comment", width: 20 },
  { key: "replies", label: "Replies (in short)", width: 16 },
  { key: "status", label: "Status", width: 7 },
  { key: "outcome", label: "Outcome", width: 13 },
];

/** The table as CSV (UTF-8 with a byte-order mark so spreadsheet programs read the region's letters right). */
export function resolutionCsv(rows: ResolutionRow[]): string {
  const cell = (value: string) => {
    // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [COLUMNS.map((column) => column.label).join(","), ...rows.map((row) => COLUMNS.map((column) => cell(row[column.key])).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The table as a landscape Word document (lib/exports/write-docx.mts): the columns after "Article", rows grouped by article. */
export function resolutionDocxPlan(source: ReadSource, rows: ResolutionRow[]): ResolutionDocxPlan {
  const columns = COLUMNS.filter((column) => column.key !== "article");
  const articles = [...new Set(rows.map((row) => row.article))];
  return {
    title: `Comment-resolution table — ${source.title}`,
    subject: `${source.label} · SHA-256 ${source.digest}`,
    summary: `${source.label}. SHA-256 ${source.digest}. ${rows.length} item${rows.length === 1 ? "" : "s"}.`,
    columns: columns.map((column) => column.label),
    articles: articles.map((article) => ({ article, rows: rows.filter((row) => row.article === article).map((row) => columns.map((column) => row[column.key])) })),
    closingNote: KOSOVO_FOOTNOTE,
  };
}
