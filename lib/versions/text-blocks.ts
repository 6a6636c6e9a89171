import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { numberProseMirrorDocument, type BlockNumber } from "@/lib/editor/numbering";
import { canonicalJson } from "@/lib/versions/canonical-content";

/** Where a block sits, so a comparison can show a list item or a table cell as such. */
export type BlockContainer = "list" | "table" | "quote" | null;

/** One paragraph, heading or rule of a document, in reading order. */
export type TextBlock = {
  /** "heading" with its level, "paragraph" or "rule". */
  kind: "heading" | "paragraph" | "rule";
  level: number | null;
  container: BlockContainer;
  text: string;
  /** The level-2 heading this block falls under (its own text for a level-2 heading); null before the first. */
  article: string | null;
  /** Equal keys mean equal blocks, formatting included. */
  key: string;
  /** "Article 3" or "2." as the editor numbers this block in its text; null when unnumbered. */
  number: BlockNumber | null;
};

/** The level of heading that starts an article in the group's texts (see lib/documents/memorandum-template.ts). */
export const ARTICLE_HEADING_LEVEL = 2;

const CONTAINERS: Record<string, BlockContainer> = {
  listItem: "list",
  tableCell: "table",
  tableHeader: "table",
  blockquote: "quote",
};

/** Flattens a document into its text blocks, each labelled with the article it belongs to. */
export function textBlocksFromJson(json: ProseMirrorJson): TextBlock[] {
  const blocks: TextBlock[] = [];
  let article: string | null = null;
  const doc = documentSchema().nodeFromJSON(json);
  const numbers = numberProseMirrorDocument(doc).blocks;

  const visit = (node: ProseMirrorNode, container: BlockContainer) => {
    if (node.isTextblock) {
      const level = node.type.name === "heading" ? Number(node.attrs.level) : null;
      // A hard line break is part of the text a reader sees, and so is a note's wording (" [Note: …]", as the schema reads it as text).
      const text = node.textBetween(0, node.content.size, "", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : (leaf.type.spec.leafText?.(leaf) ?? "")));
      if (level === ARTICLE_HEADING_LEVEL) article = text.trim() || "Untitled article";
      blocks.push({
        kind: level === null ? "paragraph" : "heading",
        level,
        container,
        text,
        article,
        key: `${container ?? ""}|${canonicalJson(node.toJSON())}`,
        number: numbers.get(node) ?? null,
      });
      return;
    }
    if (node.type.name === "horizontalRule") {
      blocks.push({ kind: "rule", level: null, container, text: "", article, key: `${container ?? ""}|rule`, number: null });
      return;
    }
    const inner = CONTAINERS[node.type.name] ?? container;
    node.forEach((child) => visit(child, inner));
  };

  visit(doc, null);
  return blocks;
}
