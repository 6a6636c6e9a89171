import { Mark, mergeAttributes } from "@tiptap/core";
import { z } from "zod";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { clipped, suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";
import { BLOCK_SUGGESTION, describeBlockChange, parseBlockSuggestion, type BlockProposal } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, describeNoteRewording, noteAsText, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { normaliseLink } from "@/lib/editor/links";
import { TableMap } from "@tiptap/pm/tables";
import { TABLE_SUGGESTION, describeTableSuggestion, isTableCell, parseTableSuggestion, type TableSuggestion } from "@/lib/editor/table-suggestion";

/**
 * Suggestions (track changes) as two marks on the text, stored by y-prosemirror as Yjs formatting
 * attributes named like the marks. Living in the shared document like bold or a comment anchor,
 * they follow everyone's concurrent edits, survive reloads and offline work and reach everyone live.
 *
 * - `suggestionInsert`: text someone proposes to add. It stays in the text, drawn in the proposing
 *   economy's colour, until accepted (the mark is removed) or rejected (the text is removed).
 * - `suggestionDelete`: text someone proposes to remove. It stays visible, struck through, until
 *   accepted (the text is removed) or rejected (the mark is removed).
 *
 * Every mark carries who proposed it; `id` groups the marks of one suggestion (a replacement is a
 * deletion and an insertion with one id; a new paragraph is the moved tail's deletion and the new
 * paragraph's insertion). The collaboration server refuses, in a negotiation document, any
 * delegate's update whose marks name someone else (lib/suggestions/update-rule.ts).
 */
export const SUGGESTION_INSERT = "suggestionInsert";
export const SUGGESTION_DELETE = "suggestionDelete";
/** Proposed formatting (bold, italic, underline, a link added, changed or removed) of existing text; accepting applies it. */
export const SUGGESTION_FORMAT = "suggestionFormat";
export const SUGGESTION_MARKS = [SUGGESTION_INSERT, SUGGESTION_DELETE, SUGGESTION_FORMAT] as const;

/** The formatting a suggestion may add or remove (a link's address is the mark's `href`). */
export const SUGGESTED_FORMATS = ["bold", "italic", "underline", "link"] as const;
export type SuggestedFormat = (typeof SUGGESTED_FORMATS)[number];
const FORMAT_LABELS: Record<SuggestedFormat, [string, string]> = {
  bold: ["Bold", "Not bold"],
  italic: ["Italic", "Not italic"],
  underline: ["Underline", "No underline"],
  link: ["Link", "No link"],
};

/** A list of formats as the mark stores it: names in a fixed order, comma-separated ("bold,italic"). */
const formatListSchema = z.string().regex(/^((bold|italic|underline|link)(,(bold|italic|underline|link)){0,3})?$/);

/**
 * The attributes of a formatting suggestion: who, which formats it adds and removes, and for an
 * added link its address. Adding a link where there is one proposes changing its address (accepting
 * replaces it, as a link mark excludes another). `href` is empty unless a link is added, and then
 * an address the link form itself would accept; marks stored before links could be suggested have
 * no `href` at all.
 */
export const formatSuggestionSchema = suggestionAttributesSchema
  .extend({ add: formatListSchema, remove: formatListSchema, href: z.string().max(2048).default("") })
  .refine(({ add, href }) => (formatList(add).includes("link") ? normaliseLink(href) === href : href === ""), { message: "A suggested link needs a web or e-mail address." });

/** Reads a stored list of formats. */
export function formatList(value: string): SuggestedFormat[] {
  return SUGGESTED_FORMATS.filter((name) => value.split(",").includes(name));
}

/** Writes a list of formats the way the mark stores it. */
export function formatListValue(formats: Iterable<SuggestedFormat>): string {
  const chosen = new Set(formats);
  return SUGGESTED_FORMATS.filter((name) => chosen.has(name)).join(",");
}

/** "Bold, not italic", "Link to https://example.org". */
export function describeFormatting(add: SuggestedFormat[], remove: SuggestedFormat[], href = ""): string {
  const words = [...add.map((name) => (name === "link" ? `Link to ${href}` : FORMAT_LABELS[name][0])), ...remove.filter((name) => !(name === "link" && add.includes("link"))).map((name) => FORMAT_LABELS[name][1])];
  return words.map((word, index) => (index === 0 ? word : word.toLowerCase())).join(", ");
}

/**
 * Marks a new suggested paragraph that would otherwise be empty (Enter at the end of a
 * paragraph), so that it has text to attribute. It is removed when the paragraph is accepted.
 */
export const PARAGRAPH_PLACEHOLDER = "\u200b";

export { suggestionAttributesSchema, type SuggestionAttributes };

/** The person suggesting: the identity of the signed-in session. */
export type SuggestionAuthor = { id: string; name: string; organisationCode: string };

const ATTRIBUTE_NAMES = ["id", "authorId", "authorName", "organisationCode", "createdAt"] as const;

function suggestionMark(name: typeof SUGGESTION_INSERT | typeof SUGGESTION_DELETE, tag: "ins" | "del") {
  const verb = name === SUGGESTION_INSERT ? "insertion" : "deletion";
  return Mark.create({
    name,
    // Typing at the edge of someone's suggestion must not join it: the editor marks new text itself.
    inclusive: false,
    // An insertion can carry another economy's deletion (a suggestion to drop a suggestion); two marks of one kind cannot overlap.
    excludes: name,
    priority: 1100,

    addAttributes() {
      return Object.fromEntries(
        ATTRIBUTE_NAMES.map((attribute) => [
          attribute,
          {
            default: "",
            parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${attribute.toLowerCase()}`) ?? "",
            renderHTML: (attributes: Record<string, unknown>) => ({ [`data-suggestion-${attribute.toLowerCase()}`]: String(attributes[attribute] ?? "") }),
          },
        ]),
      );
    },

    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },

    renderHTML({ HTMLAttributes, mark }) {
      const code = String(mark.attrs.organisationCode ?? "");
      const isKnownCode = /^[A-Z]{2,6}$/.test(code);
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `suggestion suggestion--${verb}`,
          // Drawn in the proposing economy's colour; codes are checked so no text reaches the style.
          style: isKnownCode ? `--suggestion-colour: var(--economy-${code})` : "",
          title: `Suggested ${verb} by ${String(mark.attrs.authorName ?? "")} (${code})`,
          "data-economy": code,
        }),
        0,
      ];
    },
  });
}

export const SuggestionInsertMark = suggestionMark(SUGGESTION_INSERT, "ins");
export const SuggestionDeleteMark = suggestionMark(SUGGESTION_DELETE, "del");

/**
 * A suggested change of formatting over existing words: the words keep their formatting until the
 * suggestion is accepted. One mark per run of text (a second change by the same person merges into
 * it); drawn with a dotted underline in the economy's colour.
 */
export const SuggestionFormatMark = Mark.create({
  name: SUGGESTION_FORMAT,
  inclusive: false,
  priority: 1100,

  addAttributes() {
    return Object.fromEntries(
      [...ATTRIBUTE_NAMES, "add", "remove", "href"].map((attribute) => [
        attribute,
        {
          default: "",
          parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${attribute.toLowerCase()}`) ?? "",
          renderHTML: (attributes: Record<string, unknown>) => ({ [`data-suggestion-${attribute.toLowerCase()}`]: String(attributes[attribute] ?? "") }),
        },
      ]),
    );
  },

  parseHTML() {
    return [{ tag: "span[data-suggestion-add][data-suggestion-id]" }];
  },

  renderHTML({ HTMLAttributes, mark }) {
    const code = String(mark.attrs.organisationCode ?? "");
    const isKnownCode = /^[A-Z]{2,6}$/.test(code);
    const change = describeFormatting(formatList(String(mark.attrs.add ?? "")), formatList(String(mark.attrs.remove ?? "")), String(mark.attrs.href ?? ""));
    return [
      "span",
      mergeAttributes(HTMLAttributes, {
        class: "suggestion suggestion--format",
        style: isKnownCode ? `--suggestion-colour: var(--economy-${code})` : "",
        title: `Suggested formatting by ${String(mark.attrs.authorName ?? "")} (${code}): ${change}`,
        "data-economy": code,
      }),
      0,
    ];
  },
});

/** One suggestion as found in a document: its attributes, its text and where it is. */
export type FoundSuggestion = SuggestionAttributes & {
  inserted: string;
  deleted: string;
  /** What its block suggestions propose, readably ("Article heading: ‘Cooperation’"); empty when it has none. */
  change: string;
  /** The ranges its marks cover and the content of the blocks whose form it would change, in reading order. */
  ranges: { from: number; to: number; kind: "insert" | "delete" | "block" | "format" | "table" | "note" }[];
  /** Its proposals on the form of paragraphs (lib/editor/block-suggestion.ts), each with the position before the block. */
  blocks: { position: number; proposal: BlockProposal }[];
  /** Its tables and table rows suggested into or out of the text, each with the position before the node. */
  tables: { position: number; kind: TableSuggestion["kind"] }[];
  /** Its table columns suggested into or out of the text: each cell carrying it, with the position before the cell and its column's index in the table. */
  columns: { position: number; kind: TableSuggestion["kind"]; column: number }[];
  /** Its notes proposed with new wording: the position before the note, its wording as it stands and the proposed one. */
  rewordings: { position: number; wording: string; proposed: string }[];
  /** Its proposed formatting, run by run. */
  formats: { from: number; to: number; add: SuggestedFormat[]; remove: SuggestedFormat[]; href: string }[];
  /** Text of the article heading it is under, if any ("Article 3 — Scope"). */
  article: string | null;
};

/** The text positions a table or row spans (from its first cell's text to its last), so the panel can select it. */
function textRangeOf(node: ProseMirrorNode, position: number): { from: number; to: number } {
  let from = position + 1;
  let to = position + node.nodeSize - 1;
  let isFirst = true;
  node.descendants((child, offset) => {
    if (!child.isTextblock) return true;
    if (isFirst) from = position + 1 + offset + 1;
    isFirst = false;
    to = position + 1 + offset + child.nodeSize - 1;
    return false;
  });
  return { from, to };
}

/** A row's or table's words, cells separated by " | ", for the suggestion's description. */
function tableText(node: ProseMirrorNode): string {
  const cells: string[] = [];
  node.descendants((child) => {
    if (!isTableCell(child.type.name)) return true;
    cells.push(cellText(child));
    return false;
  });
  return cells.some(Boolean) ? cells.join(" | ") : "";
}

/** The index of the column the cell at `position` starts in. */
function columnOf(doc: ProseMirrorNode, position: number): number {
  const $cell = doc.resolve(position);
  return TableMap.get($cell.node(-1)).colCount(position - $cell.start(-1));
}

/** A cell's words on one line. */
function cellText(cell: ProseMirrorNode): string {
  return cell.textContent.replaceAll(PARAGRAPH_PLACEHOLDER, "").replace(/\s+/g, " ").trim();
}

/** A suggestion found for the first time, before any of its parts is added. */
function emptyFoundSuggestion(attributes: SuggestionAttributes, article: string | null): FoundSuggestion {
  return { ...attributes, inserted: "", deleted: "", change: "", ranges: [], blocks: [], tables: [], columns: [], rewordings: [], formats: [], article };
}

/** Adds what one part of a suggestion changes to its description ("Article heading: ‘…’; Bold: ‘…’"). */
function addChange(entry: FoundSuggestion, change: string): void {
  entry.change = entry.change ? `${entry.change}; ${change}` : change;
}

/** Every suggestion in a ProseMirror document, grouped by id, in reading order. */

export function findSuggestions(doc: ProseMirrorNode): FoundSuggestion[] {
  const found = new Map<string, FoundSuggestion>();
  // The words each formatting suggestion covers, for its description.
  const formatted = new Map<string, string>();
  // The words of each suggested column's cells, top to bottom, for its description.
  const columnTexts = new Map<string, string[]>();
  let article: string | null = null;
  let articleNumber = 0;
  doc.descendants((node, position) => {
    if (node.type.name === "heading" && node.attrs.article) {
      articleNumber += 1;
      article = `Article ${articleNumber}${node.textContent.trim() ? ` — ${node.textContent.trim()}` : ""}`;
    }
    if (node.isTextblock) {
      const block = parseBlockSuggestion(node.attrs[BLOCK_SUGGESTION]);
      if (block) {
        const { proposal, ...attributes } = block;
        const entry = found.get(block.id) ?? emptyFoundSuggestion(attributes, article);
        entry.blocks.push({ position, proposal });
        entry.ranges.push({ from: position + 1, to: position + node.nodeSize - 1, kind: "block" });
        addChange(entry, describeBlockChange(proposal, node.textContent.replaceAll(PARAGRAPH_PLACEHOLDER, "")));
        found.set(block.id, entry);
      }
    }
    const tableSuggestion = node.type.name === "table" || node.type.name === "tableRow" ? parseTableSuggestion(node.attrs[TABLE_SUGGESTION]) : null;
    if (tableSuggestion) {
      const { kind, ...attributes } = tableSuggestion;
      const entry = found.get(tableSuggestion.id) ?? emptyFoundSuggestion(attributes, article);
      entry.tables.push({ position, kind });
      entry.ranges.push({ ...textRangeOf(node, position), kind: "table" });
      const change = describeTableSuggestion(node.type.name, kind);
      const cells = tableText(node);
      addChange(entry, cells ? `${change}: ‘${clipped(cells, 60)}’` : change);
      found.set(tableSuggestion.id, entry);
    }
    const columnSuggestion = isTableCell(node.type.name) ? parseTableSuggestion(node.attrs[TABLE_SUGGESTION]) : null;
    if (columnSuggestion) {
      const { kind, ...attributes } = columnSuggestion;
      const entry = found.get(columnSuggestion.id) ?? emptyFoundSuggestion(attributes, article);
      entry.columns.push({ position, kind, column: columnOf(doc, position) });
      entry.ranges.push({ ...textRangeOf(node, position), kind: "table" });
      columnTexts.set(columnSuggestion.id, [...(columnTexts.get(columnSuggestion.id) ?? []), cellText(node)]);
      found.set(columnSuggestion.id, entry);
    }
    if (!node.isInline) return true;
    // A suggested note carries its suggestion as an attribute (lib/editor/note-suggestion.ts), read like a mark; a rewording changes no words of the text.
    const noteSuggestion = node.type.name === "note" ? parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]) : null;
    if (noteSuggestion?.kind === "reword") {
      const { kind: _kind, text: proposed, ...attributes } = noteSuggestion;
      const entry = found.get(noteSuggestion.id) ?? emptyFoundSuggestion(attributes, article);
      const wording = String(node.attrs.text ?? "");
      entry.rewordings.push({ position, wording, proposed });
      entry.ranges.push({ from: position, to: position + node.nodeSize, kind: "note" });
      addChange(entry, describeNoteRewording(wording, proposed));
      found.set(noteSuggestion.id, entry);
      return false;
    }
    const claims = noteSuggestion
      ? [{ type: noteSuggestion.kind === "insert" ? SUGGESTION_INSERT : SUGGESTION_DELETE, attrs: noteSuggestion }]
      : node.marks.map((mark) => ({ type: mark.type.name, attrs: mark.attrs }));
    for (const mark of claims) {
      if (mark.type === SUGGESTION_FORMAT) {
        const parsed = formatSuggestionSchema.safeParse(mark.attrs);
        if (!parsed.success) continue;
        const { add, remove, href, ...attributes } = parsed.data;
        const entry = found.get(parsed.data.id) ?? emptyFoundSuggestion(attributes, article);
        const last = entry.formats.at(-1);
        const isSameRun = last && last.to === position && formatListValue(last.add) === add && formatListValue(last.remove) === remove && last.href === href;
        if (isSameRun) last.to = position + node.nodeSize;
        else entry.formats.push({ from: position, to: position + node.nodeSize, add: formatList(add), remove: formatList(remove), href });
        entry.ranges.push({ from: position, to: position + node.nodeSize, kind: "format" });
        formatted.set(parsed.data.id, (formatted.get(parsed.data.id) ?? "") + (node.text ?? ""));
        found.set(parsed.data.id, entry);
        continue;
      }
      const kind = mark.type === SUGGESTION_INSERT ? "insert" : mark.type === SUGGESTION_DELETE ? "delete" : null;
      if (!kind) continue;
      const parsed = suggestionAttributesSchema.safeParse(mark.attrs);
      if (!parsed.success) continue;
      const entry = found.get(parsed.data.id) ?? emptyFoundSuggestion(parsed.data, article);
      const text = noteSuggestion ? noteAsText(node.attrs.text) : (node.isText ? (node.text ?? "") : "").replaceAll(PARAGRAPH_PLACEHOLDER, "");
      const last = entry.ranges.at(-1);
      if (last && last.kind === kind && last.to === position) last.to = position + node.nodeSize;
      else {
        // A new range of insertion after another one starts a new paragraph of the suggestion.
        if (kind === "insert" && entry.inserted && last) entry.inserted += "\n";
        entry.ranges.push({ from: position, to: position + node.nodeSize, kind });
      }
      if (kind === "insert") entry.inserted += text;
      else entry.deleted += text;
      found.set(parsed.data.id, entry);
    }
    return false;
  });
  for (const [id, texts] of columnTexts) {
    const entry = found.get(id)!;
    const first = entry.columns[0]!;
    const change = describeTableSuggestion("tableCell", first.kind, new Set(entry.columns.map((cell) => cell.column)).size);
    const cells = texts.some(Boolean) ? texts.join(" | ") : "";
    addChange(entry, cells ? `${change}: ‘${clipped(cells, 60)}’` : change);
  }
  for (const [id, text] of formatted) {
    const entry = found.get(id)!;
    const first = entry.formats[0]!;
    const quoted = text.replace(/\s+/g, " ").trim();
    addChange(entry, `${describeFormatting(first.add, first.remove, first.href)}: ‘${clipped(quoted, 60)}’`);
  }
  return [...found.values()];
}
