import type { ProseMirrorJson } from "@/lib/documents/content";
import { BLOCK_SUGGESTION, isSameStyle, parseBlockSuggestion, type BlockForm } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { SUGGESTION_DELETE, SUGGESTION_FORMAT, SUGGESTION_INSERT, formatList, formatSuggestionSchema } from "@/lib/editor/suggestion-marks";
import { TABLE_SUGGESTION, isTableCell, parseTableSuggestion } from "@/lib/editor/table-suggestion";
import { attributedName } from "@/lib/exports/place-threads";
import type { PlannedAttribution, PlannedChange, PlannedFormatChange, PlannedFormChange, PlannedNoteRewording } from "@/lib/exports/write-docx.mts";

/** The open suggestions of a text, keyed by the JSON nodes that carry them, as the Word writer needs them. */
export type TrackedChanges = {
  /** Suggested words and notes (insertions and deletions). */
  changes: Map<ProseMirrorJson, PlannedChange>;
  /** Text nodes with suggested bold, italic, underline or link. */
  formatChanges: Map<ProseMirrorJson, PlannedFormatChange>;
  /** Paragraphs and headings with a suggested style or list change. */
  formChanges: Map<ProseMirrorJson, PlannedFormChange>;
  /** Paragraphs whose end is suggested away (a join on the next paragraph) or in or out with their table row or column. */
  paragraphMarkChanges: Map<ProseMirrorJson, PlannedChange>;
  /** Table rows suggested into or out of the text, on their own or with their table. */
  rowChanges: Map<ProseMirrorJson, PlannedChange>;
  /** Notes with new wording proposed. */
  noteRewordings: Map<ProseMirrorJson, PlannedNoteRewording>;
};

/**
 * Reads every open suggestion of a text (lib/editor: the `suggestionInsert`, `suggestionDelete` and
 * `suggestionFormat` marks, the `blockSuggestion`, `noteSuggestion` and `tableSuggestion` attributes) with its author
 * "Name (Economy)" and date. Words are always read (without tracked changes the writer leaves the
 * proposed ones out); the rest only with tracked changes, since the text as it stands ignores them.
 */
export function findTrackedChanges(doc: ProseMirrorJson, { withTrackedChanges }: { withTrackedChanges: boolean }): TrackedChanges {
  const tracked: TrackedChanges = { changes: new Map(), formatChanges: new Map(), formChanges: new Map(), paragraphMarkChanges: new Map(), rowChanges: new Map(), noteRewordings: new Map() };
  let previousTextblock: ProseMirrorJson | null = null;

  // `row`: the suggestion of the table row the node sits in. Word tracks a row's words and paragraph
  // marks with the row, so accepting or rejecting the row there takes them along, as Accord does.
  const visit = (node: ProseMirrorJson, row: PlannedChange | null) => {
    if (node.type === "text") {
      const inserted = node.marks?.find((mark) => mark.type === SUGGESTION_INSERT);
      const mark = inserted ?? node.marks?.find((candidate) => candidate.type === SUGGESTION_DELETE);
      const change = mark ? { isInsertion: mark === inserted, ...attribution(mark.attrs ?? {}) } : row;
      if (change) tracked.changes.set(node, change);
      const format = withTrackedChanges ? formatSuggestionSchema.safeParse(node.marks?.find((candidate) => candidate.type === SUGGESTION_FORMAT)?.attrs) : null;
      if (format?.success) tracked.formatChanges.set(node, { add: formatList(format.data.add), remove: formatList(format.data.remove), href: format.data.href, ...attribution(format.data) });
      return;
    }
    if (node.type === "note") {
      const suggestion = withTrackedChanges ? parseNoteSuggestion(node.attrs?.[NOTE_SUGGESTION]) : null;
      // New wording leaves the reference as it is: the footnote's wording is deleted and the proposed one inserted.
      if (suggestion?.kind === "reword") tracked.noteRewordings.set(node, { text: suggestion.text, ...attribution(suggestion) });
      const isInOrOut = suggestion?.kind === "insert" || suggestion?.kind === "delete";
      const change = isInOrOut ? { isInsertion: suggestion.kind === "insert", ...attribution(suggestion) } : row;
      if (change) tracked.changes.set(node, change);
      return;
    }
    if (node.type === "paragraph" || node.type === "heading") {
      const suggestion = withTrackedChanges ? parseBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION]) : null;
      if (row) tracked.paragraphMarkChanges.set(node, row);
      if (suggestion?.proposal.kind === "join" && previousTextblock) tracked.paragraphMarkChanges.set(previousTextblock, { isInsertion: false, ...attribution(suggestion) });
      if (suggestion?.proposal.kind === "form") tracked.formChanges.set(node, { changes: formChanges(suggestion.proposal.from, suggestion.proposal.to), ...attribution(suggestion) });
      previousTextblock = node;
    }
    if (node.type === "table" || node.type === "tableRow") {
      // A whole table suggested in or out: every row so marked, unless a row carries a suggestion of its own.
      const suggestion = withTrackedChanges ? parseTableSuggestion(node.attrs?.[TABLE_SUGGESTION]) : null;
      const change = suggestion ? { isInsertion: suggestion.kind === "insert", ...attribution(suggestion) } : row;
      if (node.type === "tableRow" && change) tracked.rowChanges.set(node, change);
      node.content?.forEach((child) => visit(child, change));
      return;
    }
    if (isTableCell(node.type)) {
      // Word has no revision mark for a column: a suggested column's cells have their words and
      // paragraph marks inserted or deleted instead, so accepting or rejecting them in Word empties
      // the cells (the cells themselves stay).
      const suggestion = withTrackedChanges ? parseTableSuggestion(node.attrs?.[TABLE_SUGGESTION]) : null;
      const change = suggestion ? { isInsertion: suggestion.kind === "insert", ...attribution(suggestion) } : row;
      node.content?.forEach((child) => visit(child, change));
      return;
    }
    node.content?.forEach((child) => visit(child, row));
  };
  visit(doc, null);
  return tracked;
}

/** What accepting changes of a block's form: only what differs between the proposal's two forms (as lib/editor/block-proposals.ts applies it). */
function formChanges(from: BlockForm, to: BlockForm): Partial<BlockForm> {
  const style = isSameStyle(from, to) ? {} : { type: to.type, level: to.type === "heading" ? (to.level ?? 2) : null, article: to.article, numbered: to.numbered };
  return from.list === to.list ? style : { ...style, list: to.list };
}

function attribution(attributes: Record<string, unknown>): PlannedAttribution {
  return { author: suggestionAuthor(attributes), date: suggestionDate(attributes) };
}

function suggestionAuthor(attributes: Record<string, unknown>): string {
  const name = typeof attributes.authorName === "string" ? attributes.authorName : "Unknown";
  const code = typeof attributes.organisationCode === "string" ? attributes.organisationCode : null;
  try {
    return code ? attributedName({ name, organisationCode: code }) : name;
  } catch {
    return `${name} (${code})`;
  }
}

function suggestionDate(attributes: Record<string, unknown>): string {
  const value = attributes.createdAt ?? attributes.date;
  const date = typeof value === "string" || typeof value === "number" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}
