import { EditorState, TextSelection, type Command } from "@tiptap/pm/state";
import { liftListItem, wrapInList } from "@tiptap/pm/schema-list";
import { canJoin, type Transform } from "@tiptap/pm/transform";
import { BLOCK_SUGGESTION, blockFormAt, isSameStyle, type BlockForm, type BlockProposal } from "@/lib/editor/block-suggestion";

/**
 * Carries out a block suggestion's proposal on the block at `position` (accepting it): joins it
 * with the block before, or applies what differs between the proposal's forms (style, list).
 * A part that no longer fits where the block now is (a heading cannot start a list item) is left out.
 */
export function applyBlockProposal(transform: Transform, position: number, proposal: BlockProposal): void {
  if (proposal.kind === "join") {
    if (canJoin(transform.doc, position)) transform.join(position);
    return;
  }
  const { from, to } = proposal;
  if (!isSameStyle(from, to)) setStyle(transform, position, to);
  if (from.list === to.list) return;
  const stepsBefore = transform.steps.length;
  if (blockFormAt(transform.doc.resolve(position + 1))?.list) runCommand(transform, position + 1, liftListItem(transform.doc.type.schema.nodes.listItem!));
  const inside = transform.mapping.slice(stepsBefore).map(position + 1);
  if (!to.list || blockFormAt(transform.doc.resolve(inside))?.list) return;
  const stepsBeforeWrap = transform.steps.length;
  runCommand(transform, inside, wrapInList(transform.doc.type.schema.nodes[to.list]!));
  joinWithNeighbouringLists(transform, transform.mapping.slice(stepsBeforeWrap).map(inside));
}

/**
 * Paragraphs put in a list one by one (accepting a suggestion that covered several) become one
 * list, not one list each: the new list is joined with a list of its type right after or before it.
 */
function joinWithNeighbouringLists(transform: Transform, inside: number): void {
  const $inside = transform.doc.resolve(inside);
  let depth = $inside.depth;
  while (depth > 0 && !["bulletList", "orderedList"].includes($inside.node(depth).type.name)) depth -= 1;
  if (depth === 0) return;
  const list = $inside.node(depth);
  const end = $inside.after(depth);
  if (transform.doc.resolve(end).nodeAfter?.type === list.type && canJoin(transform.doc, end)) transform.join(end);
  const start = $inside.before(depth);
  if (transform.doc.resolve(start).nodeBefore?.type === list.type && canJoin(transform.doc, start)) transform.join(start);
}

function setStyle(transform: Transform, position: number, to: BlockForm): void {
  const node = transform.doc.nodeAt(position);
  const type = transform.doc.type.schema.nodes[to.type]!;
  if (!node) return;
  const $position = transform.doc.resolve(position);
  if (!$position.parent.canReplaceWith($position.index(), $position.index() + 1, type)) return;
  const attrs = to.type === "heading" ? { level: to.level ?? 2, article: to.article } : { numbered: to.numbered };
  transform.setNodeMarkup(position, type, { ...attrs, [BLOCK_SUGGESTION]: null }, node.marks);
}

/** Runs a ProseMirror command with the cursor at `inside`, adding its steps to the transform. */
function runCommand(transform: Transform, inside: number, command: Command): void {
  const state = EditorState.create({ doc: transform.doc, selection: TextSelection.create(transform.doc, inside) });
  command(state, (transaction) => {
    for (const step of transaction.steps) transform.step(step);
  });
}
