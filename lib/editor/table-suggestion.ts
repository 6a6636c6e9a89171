import { Extension } from "@tiptap/core";
import { TableView } from "@tiptap/extension-table";
import type { Node as ProseMirrorNode, ResolvedPos } from "@tiptap/pm/model";
import type { EditorView } from "@tiptap/pm/view";
import { z } from "zod";
import { encodeSuggestionAttribute, parseSuggestionAttribute, suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";

/**
 * A table, a table row or a table column suggested into or out of the text. A new row has empty
 * cells, so no mark could say whose it is; the row (or the table) carries the suggestion in one
 * attribute instead, `tableSuggestion`, with the same attribution as the suggestion marks and
 * `kind`: `insert` (the row is there, drawn in the economy's colour, until rejected) or `delete`
 * (it stays, struck through, until accepted). A column is one cell in every row, so each of its
 * cells carries the same suggestion (one id); on a cell the attribute always means its column.
 * Stored by y-prosemirror as an attribute of the Yjs element, it follows concurrent edits like any
 * attribute, and the collaboration server checks whom it names and that a column's cells make one
 * whole column (lib/suggestions/update-rule.ts). Words typed into the cells are suggestions of their own.
 */
export const TABLE_SUGGESTION = "tableSuggestion";

/** The cells of a table: on them a table suggestion is their column's. */
export const TABLE_CELL_NODES = ["tableCell", "tableHeader"] as const;

/** The nodes that can carry a table suggestion. */
export const SUGGESTIBLE_TABLE_NODES = ["table", "tableRow", ...TABLE_CELL_NODES] as const;

/** Whether a table has a cell spanning several columns or rows: columns are not suggested there (a suggestion cannot change spans). */
export function hasMergedCells(table: ProseMirrorNode): boolean {
  let isMerged = false;
  table.descendants((node) => {
    if (isTableCell(node.type.name) && (Number(node.attrs.colspan ?? 1) > 1 || Number(node.attrs.rowspan ?? 1) > 1)) isMerged = true;
    return !isMerged && !isTableCell(node.type.name);
  });
  return isMerged;
}

/** Whether the position is inside a table with merged cells (the innermost table around it). */
export function isInTableWithMergedCells($position: ResolvedPos): boolean {
  for (let depth = $position.depth; depth > 0; depth -= 1) {
    if ($position.node(depth).type.name === "table") return hasMergedCells($position.node(depth));
  }
  return false;
}

/** Whether a node is a table cell (header or not), whose table suggestion is its column's. */
export function isTableCell(nodeName: string): boolean {
  return (TABLE_CELL_NODES as readonly string[]).includes(nodeName);
}

export const tableSuggestionSchema = suggestionAttributesSchema.extend({ kind: z.enum(["insert", "delete"]) });
export type TableSuggestion = z.infer<typeof tableSuggestionSchema>;

/** The attribute's stored value (a JSON string, compared by y-prosemirror as a plain value). */
export function encodeTableSuggestion(attributes: SuggestionAttributes, kind: TableSuggestion["kind"]): string {
  return encodeSuggestionAttribute(attributes, { kind });
}

/** The table suggestion an attribute value holds, or null when none or unreadable. */
export function parseTableSuggestion(value: unknown): TableSuggestion | null {
  return parseSuggestionAttribute(value, tableSuggestionSchema);
}

/** "New table row", "Delete table", "New table column" (on a cell), "Delete table columns" (`columns`: how many). */
export function describeTableSuggestion(nodeName: string, kind: TableSuggestion["kind"], columns = 1): string {
  const what = nodeName === "table" ? "table" : isTableCell(nodeName) ? (columns > 1 ? "table columns" : "table column") : "table row";
  return kind === "insert" ? `New ${what}` : `Delete ${what}`;
}

const ECONOMY_CODE = /^[A-Z]{2,6}$/;

/** How a suggested row or table is drawn: its class, economy colour and a label saying what is proposed. */
function presentation(nodeName: string, value: unknown): Record<string, string> | null {
  const suggestion = parseTableSuggestion(value);
  if (!suggestion || !ECONOMY_CODE.test(suggestion.organisationCode)) return null;
  const change = describeTableSuggestion(nodeName, suggestion.kind);
  return {
    class: `table-suggestion table-suggestion--${suggestion.kind}`,
    style: `--suggestion-colour: var(--economy-${suggestion.organisationCode})`,
    "data-table-suggestion": `${suggestion.organisationCode} suggests: ${change}`,
    "data-suggestion-id": suggestion.id,
    title: `Suggested by ${suggestion.authorName} (${suggestion.organisationCode}): ${change}`,
  };
}

/** The `tableSuggestion` attribute on tables, rows and cells; never read from HTML, so a paste cannot bring someone's proposal. */
export const TableSuggestionAttribute = Extension.create({
  name: "tableSuggestionAttribute",

  addGlobalAttributes() {
    return SUGGESTIBLE_TABLE_NODES.map((nodeName) => ({
      types: [nodeName],
      attributes: {
        [TABLE_SUGGESTION]: {
          default: null,
          keepOnSplit: false,
          parseHTML: () => null,
          renderHTML: (attributes: Record<string, unknown>) => presentation(nodeName, attributes[TABLE_SUGGESTION]) ?? {},
        },
      },
    }));
  },
});

const PRESENTED = ["class", "style", "data-table-suggestion", "data-suggestion-id", "title"];

/**
 * The editor's table view (a scrolling wrapper around the table) that also shows the table's own
 * suggestion: Tiptap's view applies attributes only when it is created, and a suggestion comes and
 * goes on a table that stays.
 */
export class SuggestibleTableView extends TableView {
  constructor(node: ProseMirrorNode, cellMinWidth: number, view?: EditorView, HTMLAttributes: Record<string, unknown> = {}) {
    super(node, cellMinWidth, view, HTMLAttributes);
    this.showSuggestion(node);
  }

  update(node: ProseMirrorNode): boolean {
    if (!super.update(node)) return false;
    this.showSuggestion(node);
    return true;
  }

  private showSuggestion(node: ProseMirrorNode): void {
    const attributes = presentation("table", node.attrs[TABLE_SUGGESTION]);
    for (const name of PRESENTED) {
      if (attributes?.[name]) this.table.setAttribute(name, attributes[name]);
      else this.table.removeAttribute(name);
    }
  }
}

type NodeJson = { type: string; attrs?: Record<string, unknown>; content?: NodeJson[] };

const isSuggestedForInsertion = (node: NodeJson) =>
  (SUGGESTIBLE_TABLE_NODES as readonly string[]).includes(node.type) && parseTableSuggestion(node.attrs?.[TABLE_SUGGESTION])?.kind === "insert";

/**
 * The text with tables, rows and columns suggested for insertion left out, as the clean text has it
 * (lib/versions/canonical-content.ts: rejecting them all) and exports without tracked changes show
 * it: a new table, row or column's cell goes, and so does a table whose rows all go; one suggested for deletion stays.
 */
export function withoutSuggestedTables<Json extends NodeJson>(json: Json): Json {
  if (!json.content) return json;
  const content = json.content
    .filter((child) => !isSuggestedForInsertion(child))
    .map(withoutSuggestedTables)
    .filter((child) => !(child.type === "table" && !child.content?.length));
  return { ...json, content };
}
