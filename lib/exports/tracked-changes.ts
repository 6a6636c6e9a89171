import type { ProseMirrorJson } from "@/lib/documents/content";
import { BLOCK_SUGGESTION, isSameStyle, parseBlockSuggestion, type BlockForm } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { SUGGESTION_DELETE, SUGGESTION_FORMAT, SUGGESTION_INSERT, formatList, formatSuggestionSchema } from "@/lib/editor/suggestion-marks";
import { attributedName } from "@/lib/exports/export-threads";
import type { PlannedAttribution, PlannedChange, PlannedFormatChange, PlannedFormChange } from "@/lib/exports/write-docx.mts";

/** The open suggestions of a text, keyed by the JSON nodes that carry them, as the Word writer needs them. */
export type TrackedChanges = {
  /** Suggested words and notes (insertions and deletions). */
  changes: Map<ProseMirrorJson, PlannedChange>;
  /** Text nodes with suggested bold, italic or underline. */
  formatChanges: Map<ProseMirrorJson, PlannedFormatChange>;
  /** Paragraphs and headings with a suggested style or list change. */
  formChanges: Map<ProseMirrorJson, PlannedFormChange>;
  /** Paragraphs whose end a join suggestion on the next paragraph would remove. */
  deletedParagraphMarks: Map<ProseMirrorJson, PlannedAttribution>;
};

/**
 * Reads every open suggestion of a text (lib/editor: the `suggestionInsert`, `suggestionDelete` and
 * `suggestionFormat` marks, the `blockSuggestion` and `noteSuggestion` attributes) with its author
 * "Name (Economy)" and date. Words are always read (without tracked changes the writer leaves the
 * proposed ones out); the rest only with tracked changes, since the text as it stands ignores them.
 */
export function findTrackedChanges(doc: ProseMirrorJson, { withTrackedChanges }: { withTrackedChanges: boolean }): TrackedChanges {
  const tracked: TrackedChanges = { changes: new Map(), formatChanges: new Map(), formChanges: new Map(), deletedParagraphMarks: new Map() };
  let previousTextblock: ProseMirrorJson | null = null;

  const visit = (node: ProseMirrorJson) => {
    if (node.type === "text") {
      const inserted = node.marks?.find((mark) => mark.type === SUGGESTION_INSERT);
      const mark = inserted ?? node.marks?.find((candidate) => candidate.type === SUGGESTION_DELETE);
      if (mark) tracked.changes.set(node, { isInsertion: mark === inserted, ...attribution(mark.attrs ?? {}) });
      const format = withTrackedChanges ? formatSuggestionSchema.safeParse(node.marks?.find((candidate) => candidate.type === SUGGESTION_FORMAT)?.attrs) : null;
      if (format?.success) tracked.formatChanges.set(node, { add: formatList(format.data.add), remove: formatList(format.data.remove), ...attribution(format.data) });
      return;
    }
    if (node.type === "note") {
      const suggestion = withTrackedChanges ? parseNoteSuggestion(node.attrs?.[NOTE_SUGGESTION]) : null;
      if (suggestion) tracked.changes.set(node, { isInsertion: suggestion.kind === "insert", ...attribution(suggestion) });
      return;
    }
    if (node.type === "paragraph" || node.type === "heading") {
      const suggestion = withTrackedChanges ? parseBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION]) : null;
      if (suggestion?.proposal.kind === "join" && previousTextblock) tracked.deletedParagraphMarks.set(previousTextblock, attribution(suggestion));
      if (suggestion?.proposal.kind === "form") tracked.formChanges.set(node, { changes: formChanges(suggestion.proposal.from, suggestion.proposal.to), ...attribution(suggestion) });
      previousTextblock = node;
    }
    node.content?.forEach(visit);
  };
  visit(doc);
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
