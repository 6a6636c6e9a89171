import { Extension } from "@tiptap/core";
import { Fragment, type Mark, type Node as ProseMirrorNode, type Schema, Slice } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { AddMarkStep, AttrStep, Mapping, RemoveMarkStep, ReplaceAroundStep, ReplaceStep, type Step } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import {
  PARAGRAPH_PLACEHOLDER,
  SUGGESTED_FORMATS,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  formatList,
  formatListValue,
  type SuggestedFormat,
  type SuggestionAttributes,
  type SuggestionAuthor,
} from "@/lib/editor/suggestion-marks";
import { BLOCK_SUGGESTION, blockFormAt, encodeBlockSuggestion, isSameStyle, parseBlockSuggestion } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, encodeNoteRewording, encodeNoteSuggestion, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { SUGGESTIBLE_TABLE_NODES, TABLE_SUGGESTION, encodeTableSuggestion, hasMergedCells, isTableCell, parseTableSuggestion } from "@/lib/editor/table-suggestion";

/** Editing changes the text; Suggesting turns every change into a suggestion; Viewing changes nothing. */
export type EditorMode = "editing" | "suggesting" | "viewing";

/** Transactions carrying this meta are applied as they are (deciding on suggestions, remote changes). */
export const APPLY_DIRECTLY_META = "accord:applyDirectly";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggesting: {
      /** Switches between Editing, Suggesting and Viewing (the modes this person is allowed are checked by the caller). */
      setEditorMode: (mode: EditorMode) => ReturnType;
    };
  }
  interface Storage {
    suggesting: { mode: EditorMode; author: SuggestionAuthor | null };
  }
}

type Options = {
  author: SuggestionAuthor | null;
  initialMode: EditorMode;
  /** Called when the mode changes (the toolbar shows it). */
  onModeChange: (mode: EditorMode) => void;
  /** A fresh id for a new suggestion. */
  createId: () => string;
  /** The time a suggestion is made (injected so tests can fix it). */
  now: () => Date;
};

/**
 * Suggesting mode for the collaborative editor. Rather than letting a change through, the
 * transaction is rewritten before it is applied (Tiptap's `dispatchTransaction` hook, the same
 * place prosemirror-suggest-changes' `withSuggestChanges` wraps): inserted text is marked as the
 * author's insertion, deleted text stays and is marked as the author's deletion, except text that
 * was the author's own suggested insertion, which is really removed (editing your own suggestion).
 * Covered: typing, deleting, replacing a selection, paste (several paragraphs become suggested new
 * paragraphs, a list a new list of suggested items, a table a suggested table), Enter (a suggested new paragraph), and as block suggestions a paragraph's style,
 * numbering and list (wrapping in or lifting out, also by the Markdown-style shortcuts, whose typed
 * marker goes; a paragraph wholly the author's own suggestion is reshaped directly) and joining two paragraphs, and bold, italic and
 * underline as formatting suggestions, and notes inserted, deleted (a suggested note's wording is
 * its author's to write) or reworded (the proposed wording kept beside the note's own), links added,
 * changed or removed as formatting suggestions, and whole tables, rows and columns inserted or
 * deleted as table suggestions. Not covered in this version, and dropped in Suggesting mode: columns
 * through merged cells.
 */
export const Suggesting = Extension.create<Options, { mode: EditorMode; author: SuggestionAuthor | null }>({
  name: "suggesting",

  addOptions() {
    return {
      author: null,
      initialMode: "editing",
      onModeChange: () => {},
      createId: () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : String(Math.random()).slice(2)),
      now: () => new Date(),
    };
  },

  addStorage() {
    return { mode: this.options.initialMode, author: this.options.author };
  },

  addCommands() {
    return {
      setEditorMode:
        (mode) =>
        ({ editor }) => {
          this.storage.mode = mode;
          editor.setEditable(mode !== "viewing", false);
          this.options.onModeChange(mode);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    const options = this.options;
    return [
      new Plugin({
        key: new PluginKey("suggestingPaste"),
        props: {
          // ProseMirror fits a pasted list or table into a paragraph with a step that reads as a change of form, so such a paste is made a suggestion from its slice.
          handlePaste(view, _event, slice) {
            const { mode, author } = storage;
            if (mode !== "suggesting" || !author || !hasListOrTable(slice)) return false;
            const tracked = trackPaste({ state: view.state, slice, attributes: suggestionAttributesOf(author, options) });
            if (!tracked) return false;
            view.dispatch(tracked.scrollIntoView());
            return true;
          },
        },
      }),
      new Plugin({
        key: new PluginKey("suggestingPlaceholder"),
        props: {
          // Words typed into a new paragraph go before its placeholder, so the paragraph's text starts
          // with them and the Markdown-style shortcuts (whose patterns start at the paragraph's start) see them.
          handleTextInput(view, from, to, text) {
            const { mode, author } = storage;
            if (mode !== "suggesting" || !author || from !== to) return false;
            const $from = view.state.doc.resolve(from);
            if (!$from.parent.isTextblock || !isAfterOwnPlaceholder($from.parent, $from.parentOffset, author.id)) return false;
            view.dispatch(view.state.tr.insertText(text, $from.start()));
            return true;
          },
        },
      }),
    ];
  },

  dispatchTransaction({ transaction, next }) {
    const { mode, author } = this.storage;
    if (mode !== "suggesting" || !author || !transaction.docChanged || isApplyDirectly(transaction)) {
      next(transaction);
      return;
    }
    const tracked = trackChanges({ state: this.editor.state, transaction, attributes: suggestionAttributesOf(author, this.options) });
    if (tracked) next(tracked);
  },
});

/** A new suggestion's attribution: a fresh id, the author, and now. */
function suggestionAttributesOf(author: SuggestionAuthor, options: Pick<Options, "createId" | "now">): SuggestionAttributes {
  return { id: options.createId(), authorId: author.id, authorName: author.name, organisationCode: author.organisationCode, createdAt: options.now().toISOString() };
}

/** Whether a pasted slice holds a list or a table (a paste of plain paragraphs goes through `trackChanges`). */
export function hasListOrTable(slice: Slice): boolean {
  return blocksOf(slice).some((block) => block.kind === "table" || block.list !== null);
}

/**
 * A paste over the selection as suggestions, from the pasted slice itself: list items become a new
 * list of the author's suggested paragraphs and a table a suggested new table, after the paragraph
 * at the cursor (`insertParagraphs`). Null when the selection spans paragraphs (the paste then goes
 * the ordinary way) or nothing could be suggested. The transaction is already suggestions, so it
 * carries APPLY_DIRECTLY_META.
 */
export function trackPaste({ state, slice, attributes }: { state: EditorState; slice: Slice; attributes: SuggestionAttributes }): Transaction | null {
  const { from, to, $from, $to } = state.selection;
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return null;
  const schema = state.schema;
  const tracked = state.tr;
  const cursor = trackReplace({
    tracked,
    from,
    to,
    slice,
    insertMark: schema.marks[SUGGESTION_INSERT]!.create(attributes),
    deleteMark: schema.marks[SUGGESTION_DELETE]!.create(attributes),
    authorId: attributes.authorId,
    isBackward: false,
  });
  if (!tracked.docChanged) return null;
  tracked.setSelection(TextSelection.near(tracked.doc.resolve(Math.min(cursor, tracked.doc.content.size))));
  return tracked.setMeta("paste", true).setMeta("uiEvent", "paste").setMeta(APPLY_DIRECTLY_META, true);
}

/** Whether all a paragraph holds before `offset` is the placeholder of the author's own new paragraph. */
function isAfterOwnPlaceholder(paragraph: ProseMirrorNode, offset: number, authorId: string): boolean {
  if (offset === 0 || paragraph.textBetween(0, offset) !== PARAGRAPH_PLACEHOLDER.repeat(offset)) return false;
  let isOwn = true;
  paragraph.nodesBetween(0, offset, (node) => {
    if (!hasOwnInsertion(node, authorId)) isOwn = false;
  });
  return isOwn;
}

function isApplyDirectly(transaction: Transaction): boolean {
  // Changes that arrive from the shared document (others' edits, undo of one's own) are already decided.
  return Boolean(transaction.getMeta(ySyncPluginKey) || transaction.getMeta(APPLY_DIRECTLY_META));
}

function hasOwnInsertion(node: ProseMirrorNode, authorId: string): boolean {
  return node.marks.some((mark) => mark.type.name === SUGGESTION_INSERT && mark.attrs.authorId === authorId);
}

/**
 * Rewrites a transaction into suggestions by `attributes.authorId`; null when nothing of it can be
 * suggested. Steps are replayed one by one on a new transaction, each mapped through the earlier
 * original steps backwards and the rewritten ones forwards.
 */
export function trackChanges({ state, transaction, attributes }: { state: EditorState; transaction: Transaction; attributes: SuggestionAttributes }): Transaction | null {
  if (isNoteWording(transaction)) return trackNoteWording({ state, transaction, attributes });
  if (changesCellsOfMergedTable(transaction)) return null;
  if (transaction.steps.some((step) => step instanceof ReplaceAroundStep || step instanceof AttrStep)) {
    if (reshapesOnlyOwnParagraphs(state.doc, transaction, attributes.authorId)) return transaction;
    return trackBlockForms({ state, transaction, attributes });
  }
  const schema = state.schema;
  const insertMark = schema.marks[SUGGESTION_INSERT]!.create(attributes);
  const deleteMark = schema.marks[SUGGESTION_DELETE]!.create(attributes);
  const tracked = state.tr;
  const ownParagraphs = ownSuggestedParagraphsIn(state.doc, changedRange(transaction), attributes.authorId);
  let cursor: number | null = null;
  transaction.steps.forEach((step, index) => {
    const toTracked = (position: number, bias: -1 | 1) => tracked.mapping.map(backToStart(transaction, index).map(position, bias), bias);
    if (step instanceof ReplaceStep) {
      const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
      const tableCursor = trackTableStructure({ tracked, from: toTracked(from, 1), to: toTracked(to, -1), slice, attributes, insertMark });
      if (tableCursor !== undefined) {
        if (tableCursor !== null) cursor = tableCursor;
        return;
      }
      const joined = joinedBlocks(tracked.doc, toTracked(from, 1), toTracked(to, -1), attributes.authorId);
      const stepsBefore = tracked.steps.length;
      cursor = trackReplace({
        tracked,
        from: toTracked(from, 1),
        to: toTracked(to, -1),
        slice,
        insertMark,
        deleteMark,
        authorId: attributes.authorId,
        isBackward: state.selection.empty && from < to && state.selection.from === to,
      });
      // A paragraph boundary inside the deleted range stays, proposed for joining.
      const moved = tracked.mapping.slice(stepsBefore);
      for (const position of joined) tracked.setNodeAttribute(moved.map(position, 1), BLOCK_SUGGESTION, encodeBlockSuggestion(attributes, { kind: "join" }));
    } else if (isFormattingStep(step)) {
      const { from, to, mark } = step as unknown as { from: number; to: number; mark: Mark };
      trackFormatting({ tracked, from: toTracked(from, 1), to: toTracked(to, -1), mark, isAdded: step instanceof AddMarkStep, attributes });
    } else if (isCommentMarkStep(step)) {
      // Comment anchors are not part of the text: they go through as they are.
      const mapped = step.map(mappingFromOriginal(transaction, index, tracked));
      if (mapped) tracked.step(mapped);
    }
  });
  const removedAt = removeEmptiedOwnParagraphs(tracked, ownParagraphs);
  if (removedAt !== null) cursor = removedAt;
  if (!tracked.docChanged) return null;
  if (cursor !== null) tracked.setSelection(TextSelection.near(tracked.doc.resolve(Math.min(cursor, tracked.doc.content.size)), removedAt === null ? 1 : -1));
  for (const key of ["addToHistory", "paste", "uiEvent"]) if (transaction.getMeta(key) !== undefined) tracked.setMeta(key, transaction.getMeta(key));
  return tracked;
}

/** The paragraphs and headings between from and to (none when from > to), each with the position before it. */
function textblocksIn(doc: ProseMirrorNode, { from, to }: { from: number; to: number }): { node: ProseMirrorNode; position: number }[] {
  const found: { node: ProseMirrorNode; position: number }[] = [];
  if (from > to) return found;
  doc.nodesBetween(from, to, (node, position) => {
    if (!node.isTextblock) return true;
    found.push({ node, position });
    return false;
  });
  return found;
}

/** The positions of the paragraphs between from and to that are wholly the author's own suggestion. */
function ownSuggestedParagraphsIn(doc: ProseMirrorNode, range: { from: number; to: number }, authorId: string): number[] {
  return textblocksIn(doc, range).filter(({ node }) => isOwnSuggestedParagraph(node, authorId)).map(({ position }) => position);
}

/**
 * A paragraph that was wholly the author's own suggestion and that their deletion left empty (its
 * placeholder gone: Backspace in a paragraph just made with Enter) is taken out whole, as rejecting
 * it would: an empty paragraph would be nobody's suggestion, and the server refuses such a block.
 * One that is the only paragraph its container may hold (a list item's) stays. Returns the position
 * just before where the last one removed was, for the caret, or null when none was.
 */
function removeEmptiedOwnParagraphs(tracked: Transaction, positions: number[]): number | null {
  let removedAt: number | null = null;
  for (const original of [...positions].reverse()) {
    const mapped = tracked.mapping.mapResult(original, 1);
    if (mapped.deleted) continue;
    const $position = tracked.doc.resolve(mapped.pos);
    const paragraph = $position.nodeAfter;
    if (!paragraph?.isTextblock || paragraph.childCount > 0) continue;
    const index = $position.index();
    if (!$position.parent.canReplace(index, index + 1)) continue;
    tracked.delete(mapped.pos, mapped.pos + paragraph.nodeSize);
    removedAt = mapped.pos;
  }
  return removedAt;
}

/**
 * The textblocks whose start lies inside a deleted range from..to and that follow another textblock
 * in the same container: deleting the boundary before them would join them to it. A block carrying
 * someone else's block suggestion is left alone (that proposal is theirs).
 */
function joinedBlocks(doc: ProseMirrorNode, from: number, to: number, authorId: string): number[] {
  const positions: number[] = [];
  if (from >= to) return positions;
  doc.nodesBetween(from, to, (node, position) => {
    if (!node.isTextblock) return true;
    const existing = parseBlockSuggestion(node.attrs[BLOCK_SUGGESTION]);
    const isOthers = node.attrs[BLOCK_SUGGESTION] && existing?.authorId !== authorId;
    if (position > from && position + 1 <= to && doc.resolve(position).nodeBefore?.isTextblock && !isOthers) positions.push(position);
    return false;
  });
  return positions;
}

/** The range of the transaction's start document that its steps changed (from > to when none did). */
function changedRange(transaction: Transaction): { from: number; to: number } {
  let from = transaction.before.content.size;
  let to = 0;
  transaction.steps.forEach((step, index) => {
    const back = backToStart(transaction, index);
    if (step instanceof AttrStep) {
      from = Math.min(from, back.map(step.pos, -1));
      to = Math.max(to, back.map(step.pos + 1, 1));
    }
    step.getMap().forEach((oldStart, oldEnd) => {
      from = Math.min(from, back.map(oldStart, -1));
      to = Math.max(to, back.map(oldEnd, 1));
    });
  });
  return { from, to };
}

/**
 * Whether a paragraph is wholly the author's own suggestion: everything in it is their suggested
 * words or notes (so rejecting them removes the paragraph, lib/editor/suggestion-decisions.ts) and
 * no one else proposes anything about its form. A paragraph made with Enter in Suggesting mode is one.
 */
function isOwnSuggestedParagraph(node: ProseMirrorNode, authorId: string): boolean {
  const blockSuggestion = node.attrs[BLOCK_SUGGESTION];
  if (!node.isTextblock || node.childCount === 0 || (blockSuggestion && parseBlockSuggestion(blockSuggestion)?.authorId !== authorId)) return false;
  let isOwn = true;
  node.forEach((child) => {
    const note = child.type.name === NOTE ? parseNoteSuggestion(child.attrs[NOTE_SUGGESTION]) : null;
    if (!(note ? note.kind === "insert" && note.authorId === authorId : hasOwnInsertion(child, authorId))) isOwn = false;
  });
  return isOwn;
}

/**
 * Whether a restructuring only reshapes paragraphs that are wholly the author's own suggestion.
 * Such a paragraph exists only as the author's proposal, so its form is part of what they propose,
 * as its words are: it is restyled or put in a list directly, and rejecting it still removes it whole.
 */
function reshapesOnlyOwnParagraphs(doc: ProseMirrorNode, transaction: Transaction, authorId: string): boolean {
  const reshaped = textblocksIn(doc, changedRange(transaction));
  return reshaped.length > 0 && reshaped.every(({ node }) => isOwnSuggestedParagraph(node, authorId));
}

/**
 * A change of paragraph form (style, list, numbering: the steps that restructure rather than
 * replace) as block suggestions: the blocks stay as they are and each one whose form the change
 * would alter carries the proposal (lib/editor/block-suggestion.ts). Another change to a block
 * with one's own proposal replaces it, or removes it when the block would end as it is; someone
 * else's proposal is left alone. The characters a Markdown-style shortcut removes in the same
 * change are deleted as suggestions (`deleteShortcutMarkers`); other words in it are not kept.
 */
function trackBlockForms({ state, transaction, attributes }: { state: EditorState; transaction: Transaction; attributes: SuggestionAttributes }): Transaction | null {
  const tracked = state.tr;
  // The form is read from the restructuring alone: a deleted "#" at a paragraph's start would otherwise count as the paragraph's.
  const structural = withoutTextDeletions(state, transaction);
  const { from, to } = changedRange(structural);
  if (from > to) return null;
  state.doc.nodesBetween(from, to, (node, position) => {
    if (!node.isTextblock) return true;
    // A change wholly inside a paragraph (a note's wording) is not about the paragraph's form.
    if (position < from && position + node.nodeSize > to) return false;
    const before = blockFormAt(state.doc.resolve(position + 1));
    const mapped = structural.mapping.mapResult(position + 1, 1);
    const after = mapped.deleted ? null : blockFormAt(structural.doc.resolve(mapped.pos));
    const current = node.attrs[BLOCK_SUGGESTION];
    if (!before || !after || (current && parseBlockSuggestion(current)?.authorId !== attributes.authorId)) return false;
    const isChanged = !isSameStyle(before, after) || before.list !== after.list;
    const next = isChanged ? encodeBlockSuggestion(attributes, { kind: "form", from: before, to: after }) : null;
    if (next !== (current ?? null)) tracked.setNodeAttribute(position, BLOCK_SUGGESTION, next);
    return false;
  });
  deleteShortcutMarkers({ state, transaction, tracked, attributes });
  if (!tracked.docChanged) return null;
  for (const key of ["addToHistory", "uiEvent"]) if (transaction.getMeta(key) !== undefined) tracked.setMeta(key, transaction.getMeta(key));
  return tracked;
}

/** Whether a step deletes characters inside one paragraph and nothing else (what an input rule does before restyling). */
function isTextDeletion(step: Step, doc: ProseMirrorNode): step is ReplaceStep {
  if (!(step instanceof ReplaceStep)) return false;
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
  if (slice.size > 0 || from >= to) return false;
  const $from = doc.resolve(from);
  return $from.parent.isTextblock && $from.sameParent(doc.resolve(to));
}

/** The transaction's steps without its deletions of characters, replayed on `state`. */
function withoutTextDeletions(state: EditorState, transaction: Transaction): Transaction {
  const structural = state.tr;
  transaction.steps.forEach((step, index) => {
    if (isTextDeletion(step, transaction.docs[index]!)) return;
    const mapped = step.map(mappingFromOriginal(transaction, index, structural));
    if (mapped) structural.step(mapped);
  });
  return structural;
}

/**
 * The characters a Markdown-style shortcut removes ("#", "-", "1." before the space that triggers
 * it) are deleted as any deletion is in Suggesting mode: the author's own suggested characters go,
 * anyone else's words are suggested for deletion. Only deletions inside one paragraph count: the
 * steps that join or restructure blocks are what the form proposal stands for.
 */
function deleteShortcutMarkers({ state, transaction, tracked, attributes }: { state: EditorState; transaction: Transaction; tracked: Transaction; attributes: SuggestionAttributes }): void {
  const schema = state.schema;
  transaction.steps.forEach((step, index) => {
    if (!isTextDeletion(step, transaction.docs[index]!)) return;
    const { from, to } = step as unknown as { from: number; to: number };
    const back = backToStart(transaction, index);
    const start = tracked.mapping.map(back.map(from, 1), 1);
    const end = tracked.mapping.map(back.map(to, -1), -1);
    if (start >= end || !tracked.doc.resolve(start).sameParent(tracked.doc.resolve(end)) || !tracked.doc.resolve(start).parent.isTextblock) return;
    trackReplace({
      tracked,
      from: start,
      to: end,
      slice: Slice.empty,
      insertMark: schema.marks[SUGGESTION_INSERT]!.create(attributes),
      deleteMark: schema.marks[SUGGESTION_DELETE]!.create(attributes),
      authorId: attributes.authorId,
      isBackward: false,
    });
  });
}

const isSuggestibleTableNode = (node: ProseMirrorNode) => (SUGGESTIBLE_TABLE_NODES as readonly string[]).includes(node.type.name);

/**
 * Whether a change adds or removes cells of a table with merged cells, or changes a cell's span
 * (what adding or deleting a column, or a row beside a cell spanning rows, does there). A column
 * through merged cells would change their spans, which a suggestion cannot say, so such a change
 * is not suggested (the toolbar does not offer it).
 */
function changesCellsOfMergedTable(transaction: Transaction): boolean {
  return transaction.steps.some((step, index) => {
    const doc = transaction.docs[index]!;
    const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
    if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return false;
    const $from = doc.resolve(from);
    let table: ProseMirrorNode | null = null;
    if (step instanceof ReplaceAroundStep) {
      if (isTableCell(doc.nodeAt(from)?.type.name ?? "")) table = $from.node(-1);
    } else if ($from.parent.type.name === "tableRow" && $from.sameParent(doc.resolve(to))) {
      let isCells = true;
      slice.content.forEach((node) => {
        if (!isTableCell(node.type.name)) isCells = false;
      });
      if (isCells && (slice.size > 0 || from < to)) table = $from.node(-1);
    }
    return table !== null && hasMergedCells(table);
  });
}

/**
 * Whole tables, rows or cells inserted or deleted (the table commands, Tab in the last cell), as
 * table suggestions (lib/editor/table-suggestion.ts): a new one goes in carrying the author's
 * insertion, its words marked as the author's; a deleted one stays, carrying the author's deletion,
 * unless it is the author's own new one, which is simply taken back; one with someone else's
 * suggestion is left alone. Adding or deleting a column is one such step per row, each inserting or
 * deleting one cell, all made under the transaction's one suggestion: so every cell of the column
 * carries it. Returns where the cursor belongs (null: where it was), or undefined when the step is
 * not about whole tables, rows or cells.
 */
function trackTableStructure({ tracked, from, to, slice, attributes, insertMark }: {
  tracked: Transaction;
  from: number;
  to: number;
  slice: Slice;
  attributes: SuggestionAttributes;
  insertMark: Mark;
}): number | null | undefined {
  const inserted: ProseMirrorNode[] = [];
  slice.content.forEach((node) => inserted.push(node));
  if (from === to && slice.openStart === 0 && slice.openEnd === 0 && inserted.length > 0 && inserted.every(isSuggestibleTableNode)) {
    const suggestion = encodeTableSuggestion(attributes, "insert");
    const $at = tracked.doc.resolve(from);
    const neighbour = $at.nodeBefore ?? $at.nodeAfter;
    tracked.insert(from, inserted.map((node) => node.type.create({ ...node.attrs, [TABLE_SUGGESTION]: suggestion }, withColumnSuggestions(withInsertedText(node.content, insertMark), neighbour), node.marks)));
    // A new column's cells go in row by row (one step each, all under this one suggestion); the cursor stays where it was, as in Editing mode.
    return inserted.every((node) => isTableCell(node.type.name)) ? null : from + 1;
  }
  // Deleting the only table of a document puts an empty paragraph in its place, which is not kept either.
  const isOnlyDeletion = slice.size === 0 || (slice.openStart === 0 && slice.content.childCount === 1 && slice.content.firstChild!.isTextblock && slice.content.firstChild!.content.size === 0);
  if (from >= to || !isOnlyDeletion) return undefined;
  const $from = tracked.doc.resolve(from);
  const deleted: { position: number; node: ProseMirrorNode }[] = [];
  let position = from;
  for (let index = $from.index(); position < to && index < $from.parent.childCount; index += 1) {
    const node = $from.parent.child(index);
    if (!isSuggestibleTableNode(node)) return undefined;
    deleted.push({ position, node });
    position += node.nodeSize;
  }
  if (position !== to) return undefined;
  for (const { position: at, node } of deleted.reverse()) {
    const existing = parseTableSuggestion(node.attrs[TABLE_SUGGESTION]);
    if (existing?.kind === "insert" && existing.authorId === attributes.authorId) tracked.delete(at, at + node.nodeSize);
    else if (!node.attrs[TABLE_SUGGESTION]) tracked.setNodeAttribute(at, TABLE_SUGGESTION, encodeTableSuggestion(attributes, "delete"));
  }
  return null;
}

/**
 * A new row's cells with the suggestion of their column, as the neighbouring row's cells carry it
 * (a column suggested into or out of the text is one cell in every row, lib/editor/table-suggestion.ts).
 */
function withColumnSuggestions(cells: Fragment, neighbour: ProseMirrorNode | null): Fragment {
  if (neighbour?.type.name !== "tableRow" || neighbour.childCount !== cells.childCount) return cells;
  const nodes: ProseMirrorNode[] = [];
  cells.forEach((cell, _offset, index) => {
    const column = neighbour.child(index).attrs[TABLE_SUGGESTION];
    nodes.push(isTableCell(cell.type.name) && column ? cell.type.create({ ...cell.attrs, [TABLE_SUGGESTION]: column }, cell.content, cell.marks) : cell);
  });
  return Fragment.fromArray(nodes);
}

/** The content of a new table or row with its words as the author's suggested insertion. */
function withInsertedText(content: Fragment, insertMark: Mark): Fragment {
  const nodes: ProseMirrorNode[] = [];
  content.forEach((node) => {
    if (node.isText || node.type.name === NOTE) nodes.push(withSuggestionMark(node, insertMark));
    else if (node.isInline) return;
    else nodes.push(node.copy(withInsertedText(node.content, insertMark)));
  });
  return Fragment.fromArray(nodes);
}

function isFormattingStep(step: Step): step is AddMarkStep | RemoveMarkStep {
  return (step instanceof AddMarkStep || step instanceof RemoveMarkStep) && (SUGGESTED_FORMATS as readonly string[]).includes((step as unknown as { mark: Mark }).mark.type.name);
}

/**
 * Bold, italic, underline or a link added or removed over from..to, as the author's formatting
 * suggestion: the words keep their formatting and carry a `suggestionFormat` mark saying what would
 * change, merged with the author's own earlier proposal on them (asking again for the same change
 * takes that part back, as a second press of the toolbar button would). The author's own suggested
 * words are simply formatted; words with someone else's formatting suggestion are left alone (that
 * proposal is theirs).
 */
function trackFormatting({ tracked, from, to, mark, isAdded, attributes }: {
  tracked: Transaction;
  from: number;
  to: number;
  mark: Mark;
  isAdded: boolean;
  attributes: SuggestionAttributes;
}): void {
  const schema = tracked.doc.type.schema;
  const format = mark.type.name as SuggestedFormat;
  const suggestionType = schema.marks[SUGGESTION_FORMAT]!;
  const runs: { from: number; to: number; node: ProseMirrorNode }[] = [];
  tracked.doc.nodesBetween(from, to, (node, position) => {
    if (node.isText) runs.push({ from: Math.max(position, from), to: Math.min(position + node.nodeSize, to), node });
    return !node.isInline;
  });
  for (const run of runs) {
    if (hasOwnInsertion(run.node, attributes.authorId)) {
      if (isAdded) tracked.addMark(run.from, run.to, mark);
      else tracked.removeMark(run.from, run.to, mark.type);
      continue;
    }
    const existing = suggestionType.isInSet(run.node.marks);
    if (existing && existing.attrs.authorId !== attributes.authorId) continue;
    const add = new Set<SuggestedFormat>(existing ? formatList(String(existing.attrs.add)) : []);
    const remove = new Set<SuggestedFormat>(existing ? formatList(String(existing.attrs.remove)) : []);
    let href = existing && add.has("link") ? String(existing.attrs.href) : "";
    if (format === "link") {
      // A link is not toggled but set to an address: the proposal is whatever differs from the link the words have now.
      const current = mark.type.isInSet(run.node.marks);
      add.delete("link");
      remove.delete("link");
      href = "";
      const wanted = isAdded ? String(mark.attrs.href ?? "") : null;
      if (wanted !== null && wanted !== String(current?.attrs.href ?? "")) {
        add.add("link");
        href = wanted;
      } else if (wanted === null && current) {
        remove.add("link");
      }
    } else {
      const hasFormat = Boolean(mark.type.isInSet(run.node.marks));
      // The words keep their formatting, so the toolbar toggles the same way again: that takes the proposal back.
      const wasProposed = isAdded ? add.has(format) : remove.has(format);
      add.delete(format);
      remove.delete(format);
      if (!wasProposed && isAdded && !hasFormat) add.add(format);
      if (!wasProposed && !isAdded && hasFormat) remove.add(format);
    }
    if (add.size === 0 && remove.size === 0) tracked.removeMark(run.from, run.to, suggestionType);
    else tracked.addMark(run.from, run.to, suggestionType.create({ ...attributes, add: formatListValue(add), remove: formatListValue(remove), href }));
  }
}

function isCommentMarkStep(step: Step): step is AddMarkStep | RemoveMarkStep {
  return (step instanceof AddMarkStep || step instanceof RemoveMarkStep) && (step as unknown as { mark: Mark }).mark.type.name === COMMENT_MARK;
}

/** Maps positions of the document before step `index` back to the transaction's start. */
function backToStart(transaction: Transaction, index: number): { map: (position: number, bias?: number) => number } {
  // Built from the maps themselves: Mapping.slice(0, 0) would mean "to the end", and Mapping.invert()
  // inverts every map of a sliced mapping, not only its slice.
  return new Mapping(transaction.mapping.maps.slice(0, index)).invert();
}

function mappingFromOriginal(transaction: Transaction, index: number, tracked: Transaction) {
  const back = backToStart(transaction, index);
  return {
    map: (position: number, bias = 1) => tracked.mapping.map(back.map(position, bias), bias),
    mapResult: (position: number, bias = 1) => tracked.mapping.mapResult(back.map(position, bias), bias),
  };
}

/** One replace step as suggestions; returns where the cursor belongs afterwards. */
function trackReplace({ tracked, from, to, slice, insertMark, deleteMark, authorId, isBackward }: {
  tracked: Transaction;
  from: number;
  to: number;
  slice: Slice;
  insertMark: Mark;
  deleteMark: Mark;
  authorId: string;
  isBackward: boolean;
}): number {
  let insertAt = to;
  if (from < to) {
    const ownRanges: { from: number; to: number }[] = [];
    tracked.doc.nodesBetween(from, to, (node, position) => {
      if (!node.isInline) return true;
      const start = Math.max(position, from);
      const end = Math.min(position + node.nodeSize, to);
      if (node.type.name === NOTE) {
        // A note: one's own suggested note is taken back; another is suggested for deletion unless someone already suggests
        // something of it (one's own rewording gives way to the deletion, as a second change of one's own replaces the first).
        const suggestion = parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]);
        const isOwnRewording = suggestion?.kind === "reword" && suggestion.authorId === authorId;
        if (suggestion?.kind === "insert" && suggestion.authorId === authorId) ownRanges.push({ from: start, to: end });
        else if (!node.attrs[NOTE_SUGGESTION] || isOwnRewording) tracked.setNodeAttribute(position, NOTE_SUGGESTION, encodeNoteSuggestion(deleteMark.attrs as SuggestionAttributes, "delete"));
        return false;
      }
      if (hasOwnInsertion(node, authorId)) ownRanges.push({ from: start, to: end });
      else if (node.isText && !deleteMark.type.isInSet(node.marks)) tracked.addMark(start, end, deleteMark);
      return false;
    });
    // The author's own suggested words are simply taken back; from the right so positions hold.
    for (const range of ownRanges.reverse()) tracked.delete(range.from, range.to);
    insertAt = tracked.mapping.slice(tracked.mapping.maps.length - ownRanges.length).map(to, -1);
    if (slice.size === 0) return isBackward ? tracked.mapping.slice(tracked.mapping.maps.length - ownRanges.length).map(from, -1) : insertAt;
  }
  if (slice.size === 0) return insertAt;
  // Typing over a selection puts the new words after the struck-through ones, as Word does.
  for (let after = tracked.doc.resolve(insertAt).nodeAfter; after && deleteMark.isInSet(after.marks); after = tracked.doc.resolve(insertAt).nodeAfter) {
    insertAt += after.nodeSize;
  }
  const blocks = blocksOf(slice);
  if (blocks.length === 0) return insertAt;
  const [first] = blocks;
  if (blocks.length === 1 && first!.kind === "text" && (slice.openStart > 0 || isInlineOnly(slice.content))) return insertInline(tracked, insertAt, first!.content, insertMark);
  // The first block's words join the paragraph at the cursor, unless it is a list item or a table: those stay whole.
  const isFirstInline = slice.openStart > 0 && first!.kind === "text" && !first!.list;
  return insertParagraphs({ tracked, at: insertAt, blocks: isFirstInline ? blocks : [EMPTY_BLOCK, ...blocks], insertMark, deleteMark, authorId });
}

function isInlineOnly(fragment: Fragment): boolean {
  let isInline = true;
  fragment.forEach((node) => {
    if (!node.isInline) isInline = false;
  });
  return isInline;
}

/** Text and notes of a fragment: what can be suggested inline (other inline objects cannot yet). */
function textOnly(fragment: Fragment): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  fragment.forEach((node) => {
    if (node.isText || node.type.name === NOTE) nodes.push(node);
  });
  return nodes;
}

/** Text as the author's suggested insertion: with the insertion mark, or for a note its suggestion attribute. */
function withSuggestionMark(node: ProseMirrorNode, insertMark: Mark): ProseMirrorNode {
  const marks = node.marks.filter((mark) => mark.type.name !== SUGGESTION_DELETE && mark.type.name !== SUGGESTION_INSERT && mark.type.name !== SUGGESTION_FORMAT && mark.type.name !== COMMENT_MARK);
  if (node.type.name === NOTE) return node.type.create({ ...node.attrs, [NOTE_SUGGESTION]: encodeNoteSuggestion(insertMark.attrs as SuggestionAttributes, "insert") }, null, marks);
  return node.mark(insertMark.addToSet(marks));
}

const NOTE = "note";

/** Whether every step only rewrites the wording of notes (the notes panel). */
function isNoteWording(transaction: Transaction): boolean {
  return transaction.steps.every((step) => step instanceof AttrStep && step.attr === "text" && transaction.before.nodeAt(step.pos)?.type.name === NOTE);
}

/**
 * New wording for notes. The wording of one's own suggested note is one's own to write until it is
 * decided; for any other note it becomes the author's rewording suggestion: the note keeps its
 * wording and carries the proposed one (lib/editor/note-suggestion.ts). Rewording again replaces
 * one's own proposal (same id), and proposing the wording the note has takes it back. A note with
 * someone else's open suggestion, or one's own proposed deletion, is left as it is. Attribute steps
 * move no position, so each is read where the transaction put it.
 */
function trackNoteWording({ state, transaction, attributes }: { state: EditorState; transaction: Transaction; attributes: SuggestionAttributes }): Transaction | null {
  const tracked = state.tr;
  for (const step of transaction.steps as AttrStep[]) {
    const node = tracked.doc.nodeAt(step.pos)!;
    const value = node.attrs[NOTE_SUGGESTION] ?? null;
    const existing = parseNoteSuggestion(value);
    const isOwn = existing?.authorId === attributes.authorId;
    if (existing?.kind === "insert" && isOwn) {
      tracked.setNodeAttribute(step.pos, "text", step.value);
      continue;
    }
    const isOwnRewording = existing?.kind === "reword" && isOwn;
    if (value !== null && !isOwnRewording) continue;
    const proposed = String(step.value ?? "");
    const next = proposed === String(node.attrs.text ?? "") ? null : encodeNoteRewording({ ...attributes, id: isOwnRewording ? existing.id : attributes.id }, proposed);
    if (next !== value) tracked.setNodeAttribute(step.pos, NOTE_SUGGESTION, next);
  }
  if (!tracked.docChanged) return null;
  for (const key of ["addToHistory", "uiEvent"]) if (transaction.getMeta(key) !== undefined) tracked.setMeta(key, transaction.getMeta(key));
  return tracked;
}

function insertInline(tracked: Transaction, at: number, content: Fragment, insertMark: Mark): number {
  const nodes = textOnly(content).map((node) => withSuggestionMark(node, insertMark));
  if (nodes.length === 0) return at;
  const fragment = Fragment.fromArray(nodes);
  tracked.insert(at, fragment);
  return at + fragment.size;
}

/** A piece of pasted content: a paragraph or heading (with the list it was in, if any), or a whole table. */
type TextBlock = { kind: "text"; type: string | null; attrs: Record<string, unknown>; content: Fragment; list: ProseMirrorNode | null };
type Block = TextBlock | { kind: "table"; node: ProseMirrorNode };

const EMPTY_BLOCK: TextBlock = { kind: "text", type: null, attrs: {}, content: Fragment.empty, list: null };
const LIST_TYPES = ["bulletList", "orderedList"];

/** The textblocks and tables of a slice in order; a textblock inside a list keeps that list (nested lists count as their outermost). */
function blocksOf(slice: Slice): Block[] {
  if (isInlineOnly(slice.content)) return [{ ...EMPTY_BLOCK, content: slice.content }];
  const blocks: Block[] = [];
  const walk = (fragment: Fragment, list: ProseMirrorNode | null) =>
    fragment.forEach((node) => {
      if (node.type.name === "table") blocks.push({ kind: "table", node });
      else if (node.isTextblock) blocks.push({ kind: "text", type: node.type.name, attrs: node.attrs, content: node.content, list });
      else walk(node.content, list ?? (LIST_TYPES.includes(node.type.name) ? node : null));
    });
  walk(slice.content, null);
  return blocks;
}

/** A table's paragraphs, for a place that cannot hold a table. */
function textblocksInside(table: ProseMirrorNode): Block[] {
  const blocks: Block[] = [];
  table.descendants((node) => {
    if (node.isTextblock) blocks.push({ kind: "text", type: node.type.name, attrs: node.attrs, content: node.content, list: null });
    return !node.isTextblock;
  });
  return blocks;
}

/**
 * Several paragraphs (Enter, or a paste of several paragraphs, lists or tables) at `at`: the first
 * block's text goes in at the cursor; the rest of the current paragraph is suggested for deletion
 * and suggested again after the last new paragraph; the other blocks become suggested new
 * paragraphs after the current one: list items stay in a new list, whose words are all the
 * author's (so rejecting them takes the list), and a table becomes a suggested new table (as the
 * toolbar's table does). Accepting gives exactly the split, rejecting the original paragraph.
 */
function insertParagraphs({ tracked, at, blocks, insertMark, deleteMark, authorId }: {
  tracked: Transaction;
  at: number;
  blocks: Block[];
  insertMark: Mark;
  deleteMark: Mark;
  authorId: string;
}): number {
  const schema: Schema = tracked.doc.type.schema;
  const [first, ...rest] = blocks;
  const position = first!.kind === "text" ? insertInline(tracked, at, first!.content, insertMark) : at;
  const $position = tracked.doc.resolve(position);
  if (!$position.parent.isTextblock) return position;
  const blockEnd = $position.end();
  // The rest of the paragraph moves to the last new paragraph.
  const tail: ProseMirrorNode[] = [];
  const ownTail: { from: number; to: number }[] = [];
  tracked.doc.nodesBetween(position, blockEnd, (node, nodePosition) => {
    if (!node.isText) return node === $position.parent;
    const start = Math.max(nodePosition, position);
    const end = Math.min(nodePosition + node.nodeSize, blockEnd);
    const piece = node.cut(start - nodePosition, end - nodePosition);
    if (deleteMark.type.isInSet(node.marks)) return false;
    tail.push(withSuggestionMark(piece, insertMark));
    if (hasOwnInsertion(node, authorId)) ownTail.push({ from: start, to: end });
    else tracked.addMark(start, end, deleteMark);
    return false;
  });
  for (const range of ownTail.reverse()) tracked.delete(range.from, range.to);
  const afterBlock = tracked.doc.resolve(tracked.mapping.slice(tracked.mapping.maps.length - ownTail.length).map(position)).after();
  const container = tracked.doc.resolve(afterBlock).parent;
  const accepts = (type: ProseMirrorNode["type"]) => Boolean(container.type.contentMatch.matchType(type));
  // What this place cannot hold is pasted flat, as paragraphs.
  const pieces = rest.flatMap((block): Block[] => {
    if (block.kind === "table") return accepts(block.node.type) ? [block] : textblocksInside(block.node);
    return block.list && !accepts(block.list.type) ? [{ ...block, list: null }] : [block];
  });
  const paragraph = (block: TextBlock, extra: ProseMirrorNode[], isInList: boolean) => {
    const nodes = [...textOnly(block.content).map((node) => withSuggestionMark(node, insertMark)), ...extra];
    if (nodes.length === 0) nodes.push(schema.text(PARAGRAPH_PLACEHOLDER, [insertMark]));
    const wanted = block.type ? schema.nodes[block.type] : undefined;
    const type = wanted && !isInList && accepts(wanted) ? wanted : schema.nodes.paragraph!;
    // A new paragraph never brings a block suggestion with it (a split copies the attributes).
    return type.create(block.type === type.name ? { ...block.attrs, [BLOCK_SUGGESTION]: null } : null, nodes);
  };
  const inserted: ProseMirrorNode[] = [];
  let isTailPlaced = false;
  for (let index = 0; index < pieces.length; ) {
    const block = pieces[index]!;
    const isLast = index === pieces.length - 1;
    if (block.kind === "table") {
      inserted.push(block.node.type.create({ ...block.node.attrs, [TABLE_SUGGESTION]: encodeTableSuggestion(insertMark.attrs as SuggestionAttributes, "insert") }, withInsertedText(block.node.content, insertMark), block.node.marks));
      index += 1;
    } else if (block.list) {
      const items: ProseMirrorNode[] = [];
      for (; index < pieces.length && pieces[index]!.kind === "text" && (pieces[index] as TextBlock).list === block.list; index += 1) {
        items.push(schema.nodes.listItem!.create(null, paragraph(pieces[index] as TextBlock, [], true)));
      }
      inserted.push(block.list.type.create(block.list.attrs, items));
    } else {
      inserted.push(paragraph(block, isLast ? tail : [], false));
      isTailPlaced = isLast;
      index += 1;
    }
  }
  // After a list or a table the rest of the paragraph is a paragraph of its own.
  if (!isTailPlaced && (tail.length > 0 || inserted.length === 0)) inserted.push(paragraph(EMPTY_BLOCK, tail, false));
  tracked.insert(afterBlock, inserted);
  // The cursor goes where the moved rest of the paragraph starts, as after a real Enter, or at the end of the last new text.
  const last = inserted.at(-1)!;
  const tailSize = tail.reduce((size, node) => size + node.nodeSize, 0);
  let cursor = afterBlock + inserted.reduce((size, node) => size + node.nodeSize, 0);
  for (let node: ProseMirrorNode | null = last; node && !node.isTextblock; node = node.lastChild) cursor -= 1;
  cursor -= 1;
  return last.isTextblock && last.textContent !== PARAGRAPH_PLACEHOLDER ? cursor - tailSize : cursor;
}
