import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import type { ProseMirrorJson } from "@/lib/documents/content";

/**
 * The numbers the editor shows, computed instead of drawn by the stylesheet, for every view that
 * cannot use its counters (Word, PDF, side-by-side comparison, plain text). It reproduces the CSS
 * counters of components/editor/document-text.css exactly:
 *
 * - `article`: every level-2 heading with `article: true` counts one, in reading order; other
 *   headings (another level, or without the attribute) are not numbered and reset nothing.
 * - `clause`: every paragraph with `numbered: true` counts one, wherever it sits (top level, list
 *   item, table cell, quote); each article heading starts the count again at 1. Numbered
 *   paragraphs before the first article count from 1 as well.
 * - `note`: every note marker counts one, in reading order, across the whole document.
 *
 * The rules are written once (`countNumbers`) and read either ProseMirror JSON or a ProseMirror
 * node; numbers are keyed by the node object itself, so a renderer walking the same tree looks a
 * node up as it reaches it.
 */

/** The level of heading the stylesheet numbers as an article. */
export const NUMBERED_ARTICLE_LEVEL = 2;

type Numbered = "article" | "paragraph" | "note";
type NodeShape = { typeName: string; attrs: Record<string, unknown> | undefined };

function kindOf({ typeName, attrs }: NodeShape): Numbered | null {
  if (typeName === "heading" && attrs?.article === true && Number(attrs?.level) === NUMBERED_ARTICLE_LEVEL) return "article";
  if (typeName === "paragraph" && attrs?.numbered === true) return "paragraph";
  if (typeName === "note") return "note";
  return null;
}

/** Walks a tree in reading order and hands every numbered node its number by the rules above. */
function countNumbers<N>(root: N, shape: (node: N) => NodeShape, children: (node: N) => readonly N[], onNumber: (node: N, kind: Numbered, number: number) => void): void {
  let article = 0;
  let clause = 0;
  let note = 0;
  const visit = (node: N) => {
    const kind = kindOf(shape(node));
    if (kind === "article") {
      onNumber(node, kind, ++article);
      clause = 0;
    } else if (kind === "paragraph") onNumber(node, kind, ++clause);
    else if (kind === "note") onNumber(node, kind, ++note);
    children(node).forEach(visit);
  };
  visit(root);
}

/** Whether a JSON node is a heading the editor shows as "Article N". */
export function isArticleHeading(node: ProseMirrorJson): boolean {
  return kindOf({ typeName: node.type, attrs: node.attrs }) === "article";
}

/** Whether a JSON node is a paragraph the editor numbers within its article. */
export function isNumberedParagraph(node: ProseMirrorJson): boolean {
  return kindOf({ typeName: node.type, attrs: node.attrs }) === "paragraph";
}

export type DocumentNumbering = {
  /** Article number of a level-2 article heading. */
  articles: Map<ProseMirrorJson, number>;
  /** Number of a numbered paragraph within its article. */
  paragraphs: Map<ProseMirrorJson, number>;
  /** Number of a note marker in reading order (1-based). */
  notes: Map<ProseMirrorJson, number>;
};

/** Numbers every article heading, numbered paragraph and note of a document given as JSON. */
export function numberDocument(doc: ProseMirrorJson): DocumentNumbering {
  const numbering: DocumentNumbering = { articles: new Map(), paragraphs: new Map(), notes: new Map() };
  const target = { article: numbering.articles, paragraph: numbering.paragraphs, note: numbering.notes };
  countNumbers(doc, (node) => ({ typeName: node.type, attrs: node.attrs }), (node) => node.content ?? [], (node, kind, number) => target[kind].set(node, number));
  return numbering;
}

/** How a block is numbered where the editor shows it: "Article 3" above a heading, "2." before a paragraph. */
export type BlockNumber = { kind: "article"; label: string } | { kind: "paragraph"; label: string };

/** The same numbers for a ProseMirror node tree: labels per block, and the notes with their wording. */
export function numberProseMirrorDocument(doc: ProseMirrorNode): { blocks: Map<ProseMirrorNode, BlockNumber>; notes: { number: number; text: string }[] } {
  const blocks = new Map<ProseMirrorNode, BlockNumber>();
  const notes: { number: number; text: string }[] = [];
  countNumbers(
    doc,
    (node) => ({ typeName: node.type.name, attrs: node.attrs }),
    (node) => node.children,
    (node, kind, number) => {
      if (kind === "article") blocks.set(node, { kind, label: articleLabel(number) });
      else if (kind === "paragraph") blocks.set(node, { kind, label: paragraphLabel(number) });
      else notes.push({ number, text: String(node.attrs.text ?? "") });
    },
  );
  return { blocks, notes };
}

/** "Article 3", as the editor writes it above an article's title. */
export function articleLabel(number: number): string {
  return `Article ${number}`;
}

/** "2.", as the editor writes it before a numbered paragraph. */
export function paragraphLabel(number: number): string {
  return `${number}.`;
}

/** "Article 3 — Governance" (or "Article 3" for an untitled article): an article heading on one line. */
export function articleHeadingText(number: number, title: string): string {
  return title.trim() ? `${articleLabel(number)} — ${title.trim()}` : articleLabel(number);
}
