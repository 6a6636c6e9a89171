/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type, which this walk never uses. */
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { SUGGESTION_DELETE, SUGGESTION_FORMAT, SUGGESTION_INSERT, formatSuggestionSchema, suggestionAttributesSchema } from "@/lib/editor/suggestion-marks";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { BLOCK_SUGGESTION, parseBlockSuggestion } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { SUGGESTIBLE_TABLE_NODES, TABLE_SUGGESTION, isTableCell, parseTableSuggestion } from "@/lib/editor/table-suggestion";

/** Whom an update comes from: the identity of the websocket's session, never anything the client says. */
export type Suggester = { id: string; name: string; organisationCode: string };

export type SuggestionVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

const ALLOWED: SuggestionVerdict = { isAllowed: true };
const refuse = (reason: string): SuggestionVerdict => ({ isAllowed: false, reason });

type Attributes = Map<string, unknown>;

/**
 * The negotiation rule, checked on the server for every update a delegate sends in a negotiation
 * document (issue 12, item 4). The update may only:
 * - insert text marked as a suggested insertion by the sender (own id, name and economy), also as
 *   new paragraphs made only of such text;
 * - mark existing text as the sender's suggested deletion or formatting change (bold, italic,
 *   underline), or take back the sender's own marks;
 * - remove text (or whole paragraphs) that is the sender's own suggested insertion;
 * - insert a note suggested by the sender (and write its wording), suggest deleting a note or new
 *   wording for it (the note's own wording unchanged), or take back the sender's own suggested note;
 * - set, replace or remove the sender's own block suggestion on an existing paragraph or heading
 *   (a proposed style, list or join; lib/editor/block-suggestion.ts), never someone else's;
 * - add a table, row or column suggested by the sender, suggest deleting one, or take back their
 *   own (lib/editor/table-suggestion.ts); a column's suggestion must be on one whole column;
 * - add or remove comment anchors (threads themselves are checked by the comments API).
 * Anything else — a direct edit, a suggestion attributed to someone else, removing or accepting
 * someone's suggestion, formatting or structure changes outside one's own suggestion, anything
 * outside the document body — refuses the whole update.
 *
 * `checkTransaction` looks only at what the transaction touched: the items it added or deleted and
 * the paragraphs containing them (walked once each), so the cost follows the update, not the document.
 */
export function checkSuggestionTransaction(transaction: Y.Transaction, suggester: Suggester): SuggestionVerdict {
  const body = transaction.doc.getXmlFragment(DOCUMENT_FIELD);
  const touchedTextblocks = new Set<Y.XmlElement>();
  const touchedColumns: TouchedColumns = new Map();
  for (const [type, keys] of transaction.changed) {
    if (!isWithin(type, body)) return refuse("Only the document text can be changed.");
    if (type instanceof Y.XmlText) {
      const parent = type._item?.parent;
      if (!(parent instanceof Y.XmlElement) || !TEXTBLOCKS.has(parent.nodeName)) return refuse("Only the document text can be changed.");
      touchedTextblocks.add(parent);
      continue;
    }
    if (!(type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) return refuse("Only the document text can be changed.");
    const attributeKeys = [...keys].filter((key): key is string => key !== null);
    if (type instanceof Y.XmlElement && type.nodeName === "note") {
      const parent = type._item?.parent;
      if (!(parent instanceof Y.XmlElement) || !TEXTBLOCKS.has(parent.nodeName) || keys.has(null)) return refuse("Only the document text can be changed.");
      const verdict = checkNoteChange(type, attributeKeys, transaction, suggester);
      if (!verdict.isAllowed) return verdict;
      // Whether the note still reads the same to the group is judged with its paragraph.
      touchedTextblocks.add(parent);
      continue;
    }
    const isTextblock = type instanceof Y.XmlElement && TEXTBLOCKS.has(type.nodeName);
    const isTableNode = type instanceof Y.XmlElement && TABLE_NODES.has(type.nodeName);
    const suggestionKey = isTextblock ? BLOCK_SUGGESTION : isTableNode ? TABLE_SUGGESTION : null;
    if (attributeKeys.some((key) => key !== suggestionKey)) {
      return refuse("Paragraph and heading styles cannot be changed in a negotiation document; suggest the change instead.");
    }
    if (isTableNode && attributeKeys.length > 0) {
      const verdict = checkTableDeletionChange(type, transaction, suggester);
      if (!verdict.isAllowed) return verdict;
      if (isTableCell(type.nodeName)) noteColumns(touchedColumns, type, transaction);
    }
    if (isTextblock) {
      if (attributeKeys.length > 0) {
        const verdict = checkBlockSuggestionChange(type, transaction, suggester);
        if (!verdict.isAllowed) return verdict;
      }
      touchedTextblocks.add(type);
      continue;
    }
    const verdict = checkChildren(type, transaction, suggester, touchedColumns);
    if (!verdict.isAllowed) return verdict;
  }
  const columnVerdict = checkWholeColumns(touchedColumns);
  if (!columnVerdict.isAllowed) return columnVerdict;
  for (const textblock of touchedTextblocks) {
    // New and removed paragraphs were checked whole by their container.
    const item = textblock._item;
    if (!item || !existedBefore(item, transaction) || item.deleted) continue;
    if (projection(textblock, transaction, suggester, "before") !== projection(textblock, transaction, suggester, "after")) {
      return refuse("In a negotiation document you can only suggest changes (your own insertions and deletions); the rest of the text stays as it is.");
    }
  }
  return ALLOWED;
}

/**
 * A paragraph's block suggestion (lib/editor/block-suggestion.ts) may be set, replaced or removed
 * only as the sender's own: the value it had must be absent or the sender's, the value it gets
 * absent or a well-formed proposal in the sender's identity (id, current name, economy).
 */
function checkBlockSuggestionChange(textblock: Y.XmlElement, transaction: Y.Transaction, suggester: Suggester): SuggestionVerdict {
  const before = attributeAt(textblock, BLOCK_SUGGESTION, transaction, "before");
  const after = attributeAt(textblock, BLOCK_SUGGESTION, transaction, "after");
  if (before != null && !isOwn(parseBlockSuggestion(before), suggester, false)) {
    return refuse("Only the secretariat can decide on someone else's suggestion about a paragraph's form.");
  }
  if (after != null && !isOwn(parseBlockSuggestion(after), suggester, true)) {
    return refuse("A suggestion about a paragraph's form must be in your own name and economy.");
  }
  return ALLOWED;
}

/**
 * On an existing table, row or cell the table suggestion may only be the sender's own suggested
 * deletion, set or taken back. A suggested new one is there by its own suggestion: removing that
 * attribute would accept it (taking it back means deleting the row), and someone else's is theirs.
 */
function checkTableDeletionChange(element: Y.XmlElement, transaction: Y.Transaction, suggester: Suggester): SuggestionVerdict {
  const before = attributeAt(element, TABLE_SUGGESTION, transaction, "before");
  const after = attributeAt(element, TABLE_SUGGESTION, transaction, "after");
  const isOwnDeletion = (value: unknown, requireCurrentName: boolean) => parseTableSuggestion(value)?.kind === "delete" && isOwn(parseTableSuggestion(value) ?? undefined, suggester, requireCurrentName);
  if (before != null && !isOwnDeletion(before, false)) return refuse("Only the secretariat can decide on a suggested table or row.");
  if (after != null && !isOwnDeletion(after, true)) return refuse("A suggestion to delete a table or row must be in your own name and economy.");
  return ALLOWED;
}

/** An element's attribute before or after the transaction (null when it had none). */
function attributeAt(element: Y.XmlElement, key: string, transaction: Y.Transaction, moment: "before" | "after"): unknown {
  const latest: Y.Item | undefined = element._map.get(key);
  if (moment === "after") return latest && !latest.deleted ? latest.content.getContent().at(-1) : null;
  // Earlier values of a key are the items to the left of its latest one; one of them was the value before.
  let previous: Y.Item | null = latest ?? null;
  while (previous && !wasPresentBefore(previous, transaction)) previous = previous.left;
  return previous ? previous.content.getContent().at(-1) : null;
}

/**
 * A note's suggestion (lib/editor/note-suggestion.ts) may be set, replaced or removed only as the
 * sender's own, like a block suggestion: so a proposed new wording (`reword`) is added, changed or
 * withdrawn only in the sender's id, current name and economy, and never over someone else's
 * suggestion. The note's own wording may change only while it is the sender's suggested note (a
 * proposed wording is carried beside it until the secretariat accepts it). Nothing else of a note may change. Taking one's own suggested note into the text changes how its
 * paragraph reads to the group, which the paragraph's check refuses.
 */
function checkNoteChange(note: Y.XmlElement, keys: string[], transaction: Y.Transaction, suggester: Suggester): SuggestionVerdict {
  if (keys.some((key) => key !== NOTE_SUGGESTION && key !== "text")) return refuse("Only the document text can be changed.");
  const before = attributeAt(note, NOTE_SUGGESTION, transaction, "before");
  const after = attributeAt(note, NOTE_SUGGESTION, transaction, "after");
  if (before != null && !isOwn(parseNoteSuggestion(before), suggester, false)) {
    return refuse("Only the secretariat can decide on someone else's suggested note.");
  }
  if (after != null && !isOwn(parseNoteSuggestion(after), suggester, true)) return refuse("A suggested note must be in your own name and economy.");
  const isOwnInsertion = (value: unknown) => parseNoteSuggestion(value)?.kind === "insert" && isOwn(parseNoteSuggestion(value), suggester, false);
  if (keys.includes("text") && !(isOwnInsertion(before) && isOwnInsertion(after))) return refuse("Only the wording of your own suggested note can be changed.");
  return ALLOWED;
}

/** Whether an element is a note the sender suggests inserting (as it stood at that moment). */
function isOwnSuggestedNote(type: Y.AbstractType<any>, suggester: Suggester, value: unknown): boolean {
  if (!(type instanceof Y.XmlElement) || type.nodeName !== "note") return false;
  const suggestion = parseNoteSuggestion(value);
  return suggestion?.kind === "insert" && isOwn(suggestion, suggester, false);
}

/** Paragraphs and headings: the elements whose children are text. */
const TEXTBLOCKS = new Set(["paragraph", "heading"]);
/**
 * Everything a table is made of, tables, rows and cells, each of which can carry a table suggestion:
 * none may come or go except as a table, row or column suggested by the sender (or inside one).
 */
const TABLE_NODES = new Set<string>(SUGGESTIBLE_TABLE_NODES);

/** The column suggestions an update touched (cells it added, removed or marked), by table. */
type TouchedColumns = Map<Y.XmlElement, Set<string>>;

/** Notes the column suggestions a cell carried before and carries after the transaction, to be checked whole. */
function noteColumns(touched: TouchedColumns, cell: Y.XmlElement, transaction: Y.Transaction): void {
  const table = cell._item?.parent instanceof Y.XmlElement ? cell._item.parent._item?.parent : null;
  if (!(table instanceof Y.XmlElement)) return;
  for (const moment of ["before", "after"] as const) {
    const suggestion = parseTableSuggestion(attributeAt(cell, TABLE_SUGGESTION, transaction, moment));
    if (suggestion) touched.set(table, (touched.get(table) ?? new Set()).add(suggestion.id));
  }
}

/**
 * A column's suggestion is one cell in every row of its table, at the same place in each, in a table
 * without merged cells (lib/editor/table-suggestion.ts): deciding it takes out or keeps that whole
 * column, so a suggestion on only some cells would decide more than it shows. After the update each
 * column suggestion it touched is either on such a whole column or gone from the table.
 */
function checkWholeColumns(touched: TouchedColumns): SuggestionVerdict {
  for (const [table, ids] of touched) {
    if (table._item?.deleted) continue;
    const rows = table.toArray().filter((row): row is Y.XmlElement => row instanceof Y.XmlElement);
    const cells = rows.map((row) => row.toArray().filter((cell): cell is Y.XmlElement => cell instanceof Y.XmlElement));
    const isMerged = cells.flat().some((cell) => Number(cell.getAttribute("colspan") ?? 1) > 1 || Number(cell.getAttribute("rowspan") ?? 1) > 1);
    for (const id of ids) {
      const places = cells.map((row) => row.flatMap((cell, index) => (parseTableSuggestion(cell.getAttribute(TABLE_SUGGESTION))?.id === id ? [index] : [])).join(","));
      if (places.every((place) => place === "")) continue;
      if (isMerged) return refuse("Columns cannot be suggested in a table with merged cells.");
      if (places.some((place) => place === "" || place !== places[0])) return refuse("A suggested column must be one cell in every row of its table.");
    }
  }
  return ALLOWED;
}

function isWithin(type: Y.AbstractType<any>, body: Y.XmlFragment): boolean {
  let current: Y.AbstractType<any> | null = type;
  while (current) {
    if (current === body) return true;
    const item: Y.Item | null = current._item;
    current = item ? (item.parent as Y.AbstractType<any>) : null;
  }
  return false;
}

function existedBefore(item: Y.Item, transaction: Y.Transaction): boolean {
  return item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
}

function wasPresentBefore(item: Y.Item, transaction: Y.Transaction): boolean {
  return existedBefore(item, transaction) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
}

function isOwn(value: unknown, suggester: Suggester, requireCurrentName: boolean): boolean {
  // Most text carries no suggestion: answered without building a validation error.
  if (value === undefined) return false;
  const parsed = suggestionAttributesSchema.safeParse(value);
  if (!parsed.success) return false;
  return (
    parsed.data.authorId === suggester.id &&
    parsed.data.organisationCode === suggester.organisationCode &&
    (!requireCurrentName || parsed.data.authorName === suggester.name)
  );
}

/** A well-formed formatting suggestion (lib/editor/suggestion-marks.ts) of the sender's. */
function isOwnFormatting(value: unknown, suggester: Suggester): boolean {
  return formatSuggestionSchema.safeParse(value).success && isOwn(value, suggester, false);
}

const isCommentKey = (key: string) => key === COMMENT_MARK || key.startsWith(`${COMMENT_MARK}--`);

function setAttribute(attributes: Attributes, key: string, value: unknown): void {
  if (value === null) attributes.delete(key);
  else attributes.set(key, value);
}

/**
 * A paragraph as the rest of the group sees it, apart from what the sender may change: its text
 * with the sender's own suggested insertions left out, each run with its formatting minus the
 * sender's own deletion marks and comment anchors. The update is allowed when this is the same
 * before and after. Comparing the text rather than Yjs items keeps the rule independent of how
 * the editor's diff happened to place an insertion (y-prosemirror may insert "closely " after a
 * space rather than " closely" before it).
 */
function projection(textblock: Y.XmlElement, transaction: Y.Transaction, suggester: Suggester, moment: "before" | "after"): string {
  const isPresent = (item: Y.Item) => (moment === "before" ? wasPresentBefore(item, transaction) : !item.deleted);
  const runs: Run[] = [];
  for (let child = textblock._start; child; child = child.right) {
    if (!isPresent(child)) continue;
    if (!(child.content instanceof Y.ContentType)) {
      runs.push({ formatting: null, text: `?${child.id.client}:${child.id.clock}` });
      continue;
    }
    const type = child.content.type;
    // The sender's own suggested note is left out, as their own suggested words are.
    if (type instanceof Y.XmlElement && isOwnSuggestedNote(type, suggester, attributeAt(type, NOTE_SUGGESTION, transaction, moment))) continue;
    if (!(type instanceof Y.XmlText)) {
      // Inline objects (notes) are compared by identity: adding or removing one is not a suggestion.
      runs.push({ formatting: null, text: `@${child.id.client}:${child.id.clock}` });
      continue;
    }
    const attributes: Attributes = new Map();
    for (let item = type._start; item; item = item.right) {
      if (!isPresent(item)) continue;
      if (item.content instanceof Y.ContentFormat) {
        setAttribute(attributes, item.content.key, item.content.value);
        continue;
      }
      if (!item.countable) continue;
      if (isOwn(attributes.get(SUGGESTION_INSERT), suggester, false)) continue;
      const kept = [...attributes]
        .filter(([key, value]) => !isCommentKey(key) && !(key === SUGGESTION_DELETE && isOwn(value, suggester, false)) && !(key === SUGGESTION_FORMAT && isOwnFormatting(value, suggester)))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      const text = item.content instanceof Y.ContentString ? item.content.str : `@${item.id.client}:${item.id.clock}`;
      runs.push({ formatting: JSON.stringify(kept), text });
    }
  }
  return mergeRuns(runs);
}

type Run = { formatting: string | null; text: string };

/** Joins neighbouring runs with the same formatting, so how Yjs split the text does not matter. */
function mergeRuns(runs: Run[]): string {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && run.formatting !== null && last.formatting === run.formatting) last.text += run.text;
    else merged.push({ ...run });
  }
  return JSON.stringify(merged);
}

/** Paragraphs (tables, rows, cells) added or removed in a container: only whole ones of the sender's own suggestion. */
function checkChildren(type: Y.XmlElement | Y.XmlFragment, transaction: Y.Transaction, suggester: Suggester, touchedColumns: TouchedColumns): SuggestionVerdict {
  for (let item = type._start; item; item = item.right) {
    const presentBefore = wasPresentBefore(item, transaction);
    const presentAfter = !item.deleted;
    if (presentBefore === presentAfter) continue;
    if (!(item.content instanceof Y.ContentType)) return refuse("Only the document text can be changed.");
    const child = item.content.type as Y.AbstractType<any>;
    const check = presentAfter ? ownTextAfter(child, transaction, suggester) : ownTextBefore(child, transaction, suggester);
    const isTablePart = child instanceof Y.XmlElement && TABLE_NODES.has(child.nodeName);
    if (check === "foreign" && isTablePart) return refuse(presentAfter ? "A new table, row or column must be your own suggestion." : "Only your own suggested tables, rows and columns can be removed; suggest deleting others.");
    if (child instanceof Y.XmlElement && isTableCell(child.nodeName)) noteColumns(touchedColumns, child, transaction);
    if (check === "foreign") return refuse(presentAfter ? "New paragraphs must be your own suggestion." : "Only your own suggested paragraphs can be removed.");
    // An element without any text (an empty paragraph, a note) cannot be attributed to anyone.
    if (check === "empty") return refuse(presentAfter ? "An empty paragraph cannot be suggested." : "Paragraphs can only be removed by the secretariat.");
  }
  return ALLOWED;
}

type Ownership = "own" | "foreign" | "empty";

function combine(a: Ownership, b: Ownership): Ownership {
  if (a === "foreign" || b === "foreign") return "foreign";
  return a === "own" || b === "own" ? "own" : "empty";
}

/** Whether all text of a new element is the sender's suggested insertion (every child element must have some). */
function ownTextAfter(type: Y.AbstractType<any>, transaction: Y.Transaction, suggester: Suggester): Ownership {
  if (type instanceof Y.XmlText) {
    let result: Ownership = "empty";
    for (const part of type.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof part.insert !== "string") return "foreign";
      result = combine(result, isOwn(part.attributes?.[SUGGESTION_INSERT], suggester, true) ? "own" : "foreign");
      const deletion = part.attributes?.[SUGGESTION_DELETE];
      if (deletion !== undefined && !isOwn(deletion, suggester, false)) return "foreign";
      const formatting = part.attributes?.[SUGGESTION_FORMAT];
      if (formatting !== undefined && !isOwnFormatting(formatting, suggester)) return "foreign";
    }
    return result;
  }
  if (!(type instanceof Y.XmlElement)) return "foreign";
  if (type.nodeName === "note") return isOwnSuggestedNote(type, suggester, type.getAttribute(NOTE_SUGGESTION)) ? "own" : "foreign";
  if (TABLE_NODES.has(type.nodeName)) {
    // A new table or row is the sender's by its suggestion (its cells may be empty); its words must be the sender's too.
    const suggestion = parseTableSuggestion(type.getAttribute(TABLE_SUGGESTION));
    const isOwnNew = suggestion?.kind === "insert" && isOwn(suggestion, suggester, true);
    return isOwnNew && hasOnlyOwnContentAfter(type, transaction, suggester) ? "own" : "foreign";
  }
  const attributes: Record<string, unknown> = type.getAttributes();
  if (Object.keys(attributes).some((key) => key === SUGGESTION_INSERT || key === SUGGESTION_DELETE)) return "foreign";
  if (attributes[BLOCK_SUGGESTION] != null && !isOwn(parseBlockSuggestion(attributes[BLOCK_SUGGESTION]), suggester, true)) return "foreign";
  let result: Ownership = "empty";
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) continue;
    if (!(item.content instanceof Y.ContentType)) return "foreign";
    const child = ownTextAfter(item.content.type as Y.AbstractType<any>, transaction, suggester);
    if (child !== "own") return "foreign";
    result = "own";
  }
  return result;
}

/** Whether everything inside a new table or row is the sender's: own suggested words, empty paragraphs and cells, nothing attributed to anyone else. */
function hasOnlyOwnContentAfter(element: Y.XmlElement, transaction: Y.Transaction, suggester: Suggester): boolean {
  for (let item = element._start; item; item = item.right) {
    if (item.deleted) continue;
    if (!(item.content instanceof Y.ContentType)) return false;
    const child = item.content.type as Y.AbstractType<any>;
    if (child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === "note")) {
      if (ownTextAfter(child, transaction, suggester) === "foreign") return false;
      continue;
    }
    if (!(child instanceof Y.XmlElement)) return false;
    // Rows and cells inside come with the new table or row; none may carry a suggestion of its own,
    // but a new row's cell keeps its column's suggestion, so that the column stays whole.
    const attributes: Record<string, unknown> = child.getAttributes();
    const isColumnsOwn = attributes[TABLE_SUGGESTION] != null && isColumnSuggestionOfTable(element, child, attributes[TABLE_SUGGESTION], transaction);
    if (Object.keys(attributes).some((key) => (key === TABLE_SUGGESTION && !isColumnsOwn) || key === SUGGESTION_INSERT || key === SUGGESTION_DELETE)) return false;
    if (attributes[BLOCK_SUGGESTION] != null && !isOwn(parseBlockSuggestion(attributes[BLOCK_SUGGESTION]), suggester, true)) return false;
    if (!hasOnlyOwnContentAfter(child, transaction, suggester)) return false;
  }
  return true;
}

/**
 * Whether a cell of a new row carries exactly the suggestion that the cell at its place in one of
 * the table's earlier rows carries: its column's, which a row added to the table takes along
 * (whoever's it is), so that the column stays whole.
 */
function isColumnSuggestionOfTable(row: Y.XmlElement, cell: Y.XmlElement, value: unknown, transaction: Y.Transaction): boolean {
  const table = row._item?.parent;
  if (row.nodeName !== "tableRow" || !isTableCell(cell.nodeName) || !(table instanceof Y.XmlElement) || !parseTableSuggestion(value)) return false;
  const index = row.toArray().indexOf(cell);
  return table.toArray().some((other) => {
    const neighbour = other instanceof Y.XmlElement && other._item && existedBefore(other._item, transaction) ? other.get(index) : null;
    return neighbour instanceof Y.XmlElement && neighbour._item !== null && existedBefore(neighbour._item, transaction) && neighbour.getAttribute(TABLE_SUGGESTION) === value;
  });
}

/** Whether everything a table or row held before the transaction was the sender's suggested words (or nothing). */
function hasOnlyOwnContentBefore(element: Y.XmlElement, transaction: Y.Transaction, suggester: Suggester): boolean {
  for (let item = element._start; item; item = item.right) {
    if (!wasPresentBefore(item, transaction)) continue;
    if (!(item.content instanceof Y.ContentType)) return false;
    const child = item.content.type as Y.AbstractType<any>;
    if (child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === "note")) {
      if (ownTextBefore(child, transaction, suggester) === "foreign") return false;
      continue;
    }
    if (!(child instanceof Y.XmlElement) || !hasOnlyOwnContentBefore(child, transaction, suggester)) return false;
  }
  return true;
}

/** Whether all text an element held before the transaction was the sender's suggested insertion. */
function ownTextBefore(type: Y.AbstractType<any>, transaction: Y.Transaction, suggester: Suggester): Ownership {
  let result: Ownership = "empty";
  if (type instanceof Y.XmlText) {
    const attributes: Attributes = new Map();
    for (let item = type._start; item; item = item.right) {
      if (!wasPresentBefore(item, transaction)) continue;
      if (item.content instanceof Y.ContentFormat) {
        setAttribute(attributes, item.content.key, item.content.value);
        continue;
      }
      if (!item.countable) continue;
      if (!(item.content instanceof Y.ContentString)) return "foreign";
      result = combine(result, isOwn(attributes.get(SUGGESTION_INSERT), suggester, false) ? "own" : "foreign");
    }
    return result;
  }
  if (!(type instanceof Y.XmlElement)) return "foreign";
  if (type.nodeName === "note") return isOwnSuggestedNote(type, suggester, attributeAt(type, NOTE_SUGGESTION, transaction, "before")) ? "own" : "foreign";
  if (TABLE_NODES.has(type.nodeName)) {
    // Only the sender's own suggested table or row can be taken back, and only while everything in it is theirs.
    const suggestion = parseTableSuggestion(attributeAt(type, TABLE_SUGGESTION, transaction, "before"));
    const isOwnNew = suggestion?.kind === "insert" && isOwn(suggestion, suggester, false);
    return isOwnNew && hasOnlyOwnContentBefore(type, transaction, suggester) ? "own" : "foreign";
  }
  for (let item = type._start; item; item = item.right) {
    if (!wasPresentBefore(item, transaction)) continue;
    if (!(item.content instanceof Y.ContentType)) return "foreign";
    const child = ownTextBefore(item.content.type as Y.AbstractType<any>, transaction, suggester);
    if (child !== "own") return "foreign";
    result = "own";
  }
  return result;
}

/**
 * A replica of a live document on which each incoming update is tried before it is stored. The
 * replica follows the live document (every update applied there is applied here, a no-op for the
 * updates already tried), so trying an update costs what the update touches. A refused update
 * leaves its traces in the replica, which is then rebuilt from the live document on the next use.
 */
export class SuggestionReplica {
  private replica: Y.Doc | null = null;
  /** What the last allowed update changed in the replica, transaction by transaction, until the live document makes the same changes. */
  private allowedChanges: string[] = [];
  private readonly follow = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (!this.replica) return;
    // The update just tried is in the replica already if the live document made the same change
    // (the same items added and deleted: a Yjs id names one content); applying it again would
    // only cost as much as trying it did. Anything else is applied.
    if (this.allowedChanges.length > 0 && this.allowedChanges[0] === changeOf(transaction)) {
      this.allowedChanges.shift();
      return;
    }
    this.allowedChanges = [];
    Y.applyUpdate(this.replica, update);
  };

  constructor(private readonly live: Y.Doc) {
    live.on("update", this.follow);
  }

  /** Tries the update on the replica and judges it; the live document is not touched. */
  check(update: Uint8Array, suggester: Suggester): SuggestionVerdict {
    const replica = (this.replica ??= this.rebuild());
    let verdict: SuggestionVerdict = ALLOWED;
    const changes: string[] = [];
    const judge = (transaction: Y.Transaction) => {
      if (verdict.isAllowed) verdict = checkSuggestionTransaction(transaction, suggester);
      const change = changeOf(transaction);
      // Yjs follows a formatting change with a clean-up transaction, often empty; the live document emits no update for those.
      if (change) changes.push(change);
    };
    replica.on("afterTransaction", judge);
    try {
      Y.applyUpdate(replica, update);
    } catch {
      verdict = refuse("The change could not be read.");
    } finally {
      replica.off("afterTransaction", judge);
    }
    if (verdict.isAllowed && (replica.store.pendingStructs || replica.store.pendingDs)) {
      verdict = refuse("The change depends on changes the server does not have; reload the document.");
    }
    if (!verdict.isAllowed) this.discard();
    this.allowedChanges = verdict.isAllowed ? changes : [];
    return verdict;
  }

  /** Forgets the replica after a refusal: it is rebuilt from the live document when next needed. */
  private discard(): void {
    this.replica?.destroy();
    this.replica = null;
  }

  destroy(): void {
    this.live.off("update", this.follow);
    this.discard();
  }

  private rebuild(): Y.Doc {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.live));
    // Until it is asked for as a fragment, the body is a plain shared type in a document built from
    // an update, and a first update adding a paragraph or table at the top would look like a change
    // outside the text.
    replica.getXmlFragment(DOCUMENT_FIELD);
    return replica;
  }
}

/** The items a transaction added (per client, the clocks it took) and deleted, as a comparable string. */
function changeOf(transaction: Y.Transaction): string {
  let change = "";
  for (const [client, clock] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (clock > before) change += `+${client}:${before}-${clock};`;
  }
  for (const [client, deletions] of transaction.deleteSet.clients) {
    for (const { clock, len } of deletions) change += `-${client}:${clock}+${len};`;
  }
  return change;
}
