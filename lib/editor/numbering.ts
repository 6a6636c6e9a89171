import type { ProseMirrorJson } from "@/lib/documents/content";

/**
 * The numbers the editor shows, computed instead of drawn by the stylesheet, for every renderer
 * that is not the browser (Word, PDF, server-rendered pages). It reproduces the CSS counters of
 * components/editor/editor.css exactly:
 *
 * - `article`: every level-2 heading with `article: true` counts one, in reading order; other
 *   headings (another level, or without the attribute) are not numbered and reset nothing.
 * - `clause`: every paragraph with `numbered: true` counts one, wherever it sits (top level, list
 *   item, table cell, quote); each article heading starts the count again at 1. Numbered
 *   paragraphs before the first article count from 1 as well.
 * - `note`: every note marker counts one, in reading order, across the whole document.
 *
 * Numbers are keyed by the JSON node object itself, so a renderer walking the same JSON looks a
 * node up as it reaches it. This module reads only ProseMirror JSON and imports nothing else.
 */
export type DocumentNumbering = {
  /** Article number of a level-2 article heading. */
  articles: Map<ProseMirrorJson, number>;
  /** Number of a numbered paragraph within its article. */
  paragraphs: Map<ProseMirrorJson, number>;
  /** Number of a note marker in reading order (1-based). */
  notes: Map<ProseMirrorJson, number>;
};

/** The level of heading the stylesheet numbers as an article. */
export const NUMBERED_ARTICLE_LEVEL = 2;

/** Whether a node is a heading the editor shows as "Article N". */
export function isArticleHeading(node: ProseMirrorJson): boolean {
  return node.type === "heading" && node.attrs?.article === true && Number(node.attrs?.level) === NUMBERED_ARTICLE_LEVEL;
}

/** Whether a node is a paragraph the editor numbers within its article. */
export function isNumberedParagraph(node: ProseMirrorJson): boolean {
  return node.type === "paragraph" && node.attrs?.numbered === true;
}

/** Numbers every article heading, numbered paragraph and note of a document. */
export function numberDocument(doc: ProseMirrorJson): DocumentNumbering {
  const numbering: DocumentNumbering = { articles: new Map(), paragraphs: new Map(), notes: new Map() };
  let article = 0;
  let clause = 0;
  const visit = (node: ProseMirrorJson) => {
    if (isArticleHeading(node)) {
      numbering.articles.set(node, ++article);
      clause = 0;
    } else if (isNumberedParagraph(node)) {
      numbering.paragraphs.set(node, ++clause);
    } else if (node.type === "note") {
      numbering.notes.set(node, numbering.notes.size + 1);
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return numbering;
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
