import type { Transaction } from "@tiptap/pm/state";
import type { Transform } from "@tiptap/pm/transform";
import { TableMap } from "@tiptap/pm/tables";
import { APPLY_DIRECTLY_META } from "@/lib/editor/suggesting";
import { PARAGRAPH_PLACEHOLDER, SUGGESTION_DELETE, SUGGESTION_FORMAT, SUGGESTION_INSERT, findSuggestions, type FoundSuggestion } from "@/lib/editor/suggestion-marks";
import { BLOCK_SUGGESTION } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { applyBlockProposal } from "@/lib/editor/block-proposals";
import { TABLE_SUGGESTION, hasMergedCells } from "@/lib/editor/table-suggestion";

/** What happens to a suggestion: accepted into the text, or rejected / withdrawn (the text as it was). */
export type SuggestionOutcome = "accept" | "reject";

/**
 * Applies decisions to the text, in the browser of whoever decides, through the shared document:
 * accepting an insertion removes its mark, rejecting it removes its text; accepting a deletion
 * removes the text, rejecting it removes the mark. A suggested paragraph whose text is removed
 * goes with it. Accepting a note's rewording gives the note the proposed wording; rejecting it
 * leaves the note as it is. Returns how many suggestions were found.
 */
export function applySuggestionOutcomes(transaction: Transaction, outcomes: Map<string, SuggestionOutcome>): number {
  const count = applyOutcomes(transaction, outcomes);
  // Decisions go into the text as they are, even from an editor in Suggesting mode.
  transaction.setMeta(APPLY_DIRECTLY_META, true);
  return count;
}

/** The clean text: every suggestion left out (insertions removed, deletions kept), as versions' digests define it. */
export function withoutSuggestions(transform: Transform): Transform {
  applyOutcomes(transform, new Map(findSuggestions(transform.doc).map((suggestion) => [suggestion.id, "reject" as const])));
  return transform;
}

function applyOutcomes(transaction: Transform, outcomes: Map<string, SuggestionOutcome>): number {
  const schema = transaction.doc.type.schema;
  const found = findSuggestions(transaction.doc).filter((suggestion) => outcomes.has(suggestion.id));
  type Change = { from: number; to: number; action: "unmark-insert" | "unmark-delete" | "remove"; id: string };
  const changes: Change[] = [];
  // Formatting and notes' wording first: they move no position.
  for (const suggestion of found) {
    for (const { position, proposed } of suggestion.rewordings) {
      if (outcomes.get(suggestion.id) === "accept") transaction.setNodeAttribute(position, "text", proposed);
      transaction.setNodeAttribute(position, NOTE_SUGGESTION, null);
    }
    for (const run of suggestion.formats) {
      if (outcomes.get(suggestion.id) === "accept") {
        // Removals first: a proposed link's address replaces the link the words have.
        for (const name of run.remove) transaction.removeMark(run.from, run.to, schema.marks[name]!);
        for (const name of run.add) transaction.addMark(run.from, run.to, schema.marks[name]!.create(name === "link" ? { href: run.href } : null));
      }
      transaction.removeMark(run.from, run.to, schema.marks[SUGGESTION_FORMAT]!);
    }
  }
  for (const suggestion of found) {
    const outcome = outcomes.get(suggestion.id)!;
    for (const range of suggestion.ranges) {
      if (range.kind === "block" || range.kind === "format" || range.kind === "table" || range.kind === "note") continue;
      const isRemoved = (range.kind === "insert") === (outcome === "reject");
      changes.push({ from: range.from, to: range.to, id: suggestion.id, action: isRemoved ? "remove" : range.kind === "insert" ? "unmark-insert" : "unmark-delete" });
    }
  }
  // From the end of the document backwards, so earlier positions stay valid.
  changes.sort((a, b) => b.from - a.from);
  for (const change of changes) {
    const markName = change.action === "unmark-insert" ? SUGGESTION_INSERT : SUGGESTION_DELETE;
    if (change.action !== "remove") {
      const markType = schema.marks[markName]!;
      transaction.doc.nodesBetween(change.from, change.to, (node, position) => {
        if (parseNoteSuggestion(node.attrs[NOTE_SUGGESTION])?.id === change.id) {
          transaction.setNodeAttribute(position, NOTE_SUGGESTION, null);
          return false;
        }
        const mark = node.marks.find((candidate) => candidate.type === markType && candidate.attrs.id === change.id);
        if (mark) transaction.removeMark(Math.max(position, change.from), Math.min(position + node.nodeSize, change.to), mark);
      });
      if (change.action === "unmark-insert") removePlaceholders(transaction, change.from, change.to);
      continue;
    }
    const $from = transaction.doc.resolve(change.from);
    const isWholeBlock = $from.parent.isTextblock && change.from === $from.start() && change.to === $from.end() && $from.depth > 0;
    // A suggested list item goes with its paragraph, and a suggested list with its last item.
    let depth = $from.depth;
    while (isWholeBlock && depth > 1 && LIST_PARTS.has($from.node(depth - 1).type.name) && $from.node(depth - 1).childCount === 1) depth -= 1;
    const isOnlyBlock = $from.node(depth - 1).childCount === 1;
    if (isWholeBlock && !isOnlyBlock && change.action === "remove" && insertedWholeBlock(transaction, change.from, change.to)) {
      transaction.delete($from.before(depth), $from.after(depth));
    } else {
      transaction.delete(change.from, change.to);
    }
  }
  applyBlockOutcomes(transaction, outcomes);
  applyTableOutcomes(transaction, outcomes);
  return found.length;
}

/** The parts (tables, blocks) of the decided suggestions as the text now stands, each with its outcome, the last first. */
function decidedFromTheLast<Part extends { position: number }>(transaction: Transform, outcomes: Map<string, SuggestionOutcome>, partsOf: (suggestion: FoundSuggestion) => Part[]): (Part & { outcome: SuggestionOutcome })[] {
  return findSuggestions(transaction.doc)
    .filter((suggestion) => outcomes.has(suggestion.id))
    .flatMap((suggestion) => partsOf(suggestion).map((part) => ({ ...part, outcome: outcomes.get(suggestion.id)! })))
    .sort((a, b) => b.position - a.position);
}

/**
 * Suggested tables, rows and columns last (re-read, since everything before moved them), from the
 * last back: a new one accepted or a deletion rejected loses its suggestion; a new one rejected or a
 * deletion accepted goes, and a table whose last row goes goes with it. Columns first, since
 * removing one takes a cell out of every row.
 */
function applyTableOutcomes(transaction: Transform, outcomes: Map<string, SuggestionOutcome>): void {
  applyColumnOutcomes(transaction, outcomes);
  for (const { position, kind, outcome } of decidedFromTheLast(transaction, outcomes, (suggestion) => suggestion.tables)) {
    const isKept = (kind === "insert") === (outcome === "accept");
    if (isKept) {
      transaction.setNodeAttribute(position, TABLE_SUGGESTION, null);
      continue;
    }
    const $position = transaction.doc.resolve(position);
    const isLastRow = $position.parent.type.name === "table" && $position.parent.childCount === 1;
    const from = isLastRow ? $position.before() : position;
    const to = isLastRow ? $position.after() : position + transaction.doc.nodeAt(position)!.nodeSize;
    transaction.delete(from, to);
  }
}

/**
 * Suggested columns, one suggestion at a time (removing one column moves the cells of another, so
 * each is re-read). Kept, its cells lose the suggestion; gone, its columns are taken out of the table.
 */
function applyColumnOutcomes(transaction: Transform, outcomes: Map<string, SuggestionOutcome>): void {
  const decided = findSuggestions(transaction.doc).filter((suggestion) => outcomes.has(suggestion.id) && suggestion.columns.length > 0);
  for (const { id } of decided) {
    const cells = findSuggestions(transaction.doc).find((suggestion) => suggestion.id === id)?.columns ?? [];
    const [first] = cells;
    if (!first) continue;
    if ((first.kind === "insert") === (outcomes.get(id) === "accept")) {
      for (const { position } of cells) transaction.setNodeAttribute(position, TABLE_SUGGESTION, null);
      continue;
    }
    // Grouped by table (a hand-made update could spread one suggestion over two), the last table first.
    const tables = new Map<number, number[]>();
    for (const { position } of cells) {
      const table = transaction.doc.resolve(position).before(-1);
      tables.set(table, [...(tables.get(table) ?? []), position]);
    }
    for (const [table, positions] of [...tables].sort(([a], [b]) => b - a)) removeColumns(transaction, table, positions);
  }
}

/**
 * Takes out of the table at `tablePosition` the columns of the given cells. In a plain grid (no
 * merged cells, every row as long) that is the cell in that column of every row, so a row added
 * since the column was suggested loses its cell there too; otherwise only the given cells go, so
 * that nothing outside the suggestion is ever removed. A table left without columns goes.
 */
function removeColumns(transaction: Transform, tablePosition: number, cellPositions: number[]): void {
  const table = transaction.doc.nodeAt(tablePosition)!;
  const start = tablePosition + 1;
  const map = TableMap.get(table);
  const isGrid = !map.problems && !hasMergedCells(table);
  const columns = new Set(cellPositions.map((position) => map.colCount(position - start)));
  if (isGrid && columns.size === map.width) {
    transaction.delete(tablePosition, tablePosition + table.nodeSize);
    return;
  }
  const removed = isGrid ? [...columns].flatMap((column) => map.cellsInRect({ left: column, right: column + 1, top: 0, bottom: map.height })) : cellPositions.map((position) => position - start);
  for (const cell of [...new Set(removed)].sort((a, b) => b - a)) transaction.delete(start + cell, start + cell + table.nodeAt(cell)!.nodeSize);
  // Where only some cells went, a row or the table may be left with none.
  const after = transaction.doc.nodeAt(tablePosition)!;
  const emptyRows: number[] = [];
  after.forEach((row, offset) => {
    if (row.childCount === 0) emptyRows.push(start + offset);
  });
  if (emptyRows.length === after.childCount) transaction.delete(tablePosition, tablePosition + after.nodeSize);
  else for (const row of emptyRows.reverse()) transaction.delete(row, row + 2);
}

/**
 * Block suggestions after the marks (re-read, since deciding marks moved them), from the last block
 * back, so that wrapping, lifting or joining one block never moves an earlier one.
 */
function applyBlockOutcomes(transaction: Transform, outcomes: Map<string, SuggestionOutcome>): void {
  for (const { position, proposal, outcome } of decidedFromTheLast(transaction, outcomes, (suggestion) => suggestion.blocks)) {
    transaction.setNodeAttribute(position, BLOCK_SUGGESTION, null);
    if (outcome === "accept") applyBlockProposal(transaction, position, proposal);
  }
}

const LIST_PARTS = new Set(["listItem", "bulletList", "orderedList"]);

function insertedWholeBlock(transaction: Transform, from: number, to: number): boolean {
  let isInserted = true;
  transaction.doc.nodesBetween(from, to, (node) => {
    const isInsertedNote = parseNoteSuggestion(node.attrs[NOTE_SUGGESTION])?.kind === "insert";
    if (node.isInline && !isInsertedNote && !node.marks.some((mark) => mark.type.name === SUGGESTION_INSERT)) isInserted = false;
    return !node.isInline;
  });
  return isInserted;
}

function removePlaceholders(transaction: Transform, from: number, to: number): void {
  const positions: number[] = [];
  transaction.doc.nodesBetween(from, to, (node, position) => {
    if (!node.isText) return true;
    const text = node.text ?? "";
    for (let index = text.indexOf(PARAGRAPH_PLACEHOLDER); index >= 0; index = text.indexOf(PARAGRAPH_PLACEHOLDER, index + 1)) {
      if (position + index >= from && position + index < to) positions.push(position + index);
    }
    return false;
  });
  for (const position of positions.reverse()) transaction.delete(position, position + 1);
}
