import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

/** The level of heading that may be an article ("Article 3" above its title). */
export const ARTICLE_LEVEL = 2;

/** Whether a node is a numbered article heading: a level-2 heading marked `article`. */
export function isArticleHeading(node: ProseMirrorNode): boolean {
  return node.type.name === "heading" && Number(node.attrs.level) === ARTICLE_LEVEL && node.attrs.article === true;
}

/** Whether a node is a numbered paragraph of an article. */
export function isNumberedParagraph(node: ProseMirrorNode): boolean {
  return node.type.name === "paragraph" && node.attrs.numbered === true;
}

/** How a block is numbered where the editor shows it: "Article 3" above a heading, "2." before a paragraph. */
export type BlockNumber = { kind: "article"; label: string } | { kind: "paragraph"; label: string };

/**
 * The numbers a reader sees, computed from the document's structure by the rules the editor's
 * stylesheet counts with (components/editor/document-text.css): articles are counted through the
 * document; numbered paragraphs from 1 after each article heading (from the start before the
 * first); notes through the document. For views that cannot use the stylesheet's counters, such
 * as a comparison that shows blocks of two texts side by side.
 */
export function numberDocument(doc: ProseMirrorNode): { blocks: Map<ProseMirrorNode, BlockNumber>; notes: { number: number; text: string }[] } {
  const blocks = new Map<ProseMirrorNode, BlockNumber>();
  const notes: { number: number; text: string }[] = [];
  let article = 0;
  let paragraph = 0;
  doc.descendants((node) => {
    if (isArticleHeading(node)) {
      article += 1;
      paragraph = 0;
      blocks.set(node, { kind: "article", label: `Article ${article}` });
    } else if (isNumberedParagraph(node)) {
      paragraph += 1;
      blocks.set(node, { kind: "paragraph", label: `${paragraph}.` });
    } else if (node.type.name === "note") {
      notes.push({ number: notes.length + 1, text: String(node.attrs.text ?? "") });
    }
    return true;
  });
  return { blocks, notes };
}
