import { Fragment, Slice } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema } from "@/lib/documents/content";
import { COMMENT_MARK, findCommentRanges } from "@/lib/editor/comment-mark";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { trackChanges } from "@/lib/editor/suggesting";
import { findSuggestions, type SuggestionAttributes } from "@/lib/editor/suggestion-marks";

/**
 * The id of the suggestion a proposal thread becomes. Derived from the thread, so a second attempt
 * (after the thread was reopened, or from two tabs at once) finds the first one instead of adding
 * the same words twice.
 */
export function proposalSuggestionId(threadId: string): string {
  return `proposal-${threadId}`;
}

export type ProposalSuggestion =
  | { isBuilt: true; update: Uint8Array; passage: string }
  | { isBuilt: false; problem: "alreadySuggested" | "passageMissing" | "passageSpansPieces" };

/**
 * The Yjs update that shows a proposal in the text as a suggestion, computed against `state`: the
 * thread's passage is replaced exactly as typing over a selection in Suggesting mode replaces it
 * (lib/editor/suggesting.ts): the passage is marked for deletion and the wording is inserted as
 * a suggestion right after it, both with one id and the given attribution. Wording of several
 * lines becomes suggested paragraphs, as a pasted text does. The new words carry the thread's
 * anchor too, so the thread stays linked to whichever words the decision keeps.
 */
export function buildProposalSuggestion({ state, threadId, wording, attributes }: {
  state: Uint8Array;
  threadId: string;
  wording: string;
  attributes: SuggestionAttributes;
}): ProposalSuggestion {
  const schema = documentSchema();
  const document = new Y.Doc();
  Y.applyUpdate(document, state);
  const body = document.getXmlFragment(DOCUMENT_FIELD);
  const { doc, meta } = initProseMirrorDoc(body, schema);
  const editorState = EditorState.create({ doc, schema });

  if (findSuggestions(doc).some((suggestion) => suggestion.id === attributes.id)) return { isBuilt: false, problem: "alreadySuggested" };
  const ranges = findCommentRanges(doc).get(threadId) ?? [];
  if (ranges.length === 0) return { isBuilt: false, problem: "passageMissing" };
  const { from, to } = ranges[0]!;
  // The same limit as applying a proposal: a passage broken into pieces has no one place for the new words.
  if (ranges.length > 1 || !doc.resolve(from).sameParent(doc.resolve(to))) return { isBuilt: false, problem: "passageSpansPieces" };

  const tracked = trackChanges({ state: editorState, transaction: replacePassage(editorState, from, to, wording), attributes });
  if (!tracked) throw new Error("The proposal's wording produced no suggestion");
  const inserted = findSuggestions(tracked.doc).find((suggestion) => suggestion.id === attributes.id)?.ranges.find((range) => range.kind === "insert");
  if (inserted) tracked.addMark(inserted.from, inserted.to, schema.marks[COMMENT_MARK]!.create({ threadId }));
  const changed = editorState.apply(tracked);

  let update: Uint8Array | null = null;
  // Only this transaction's structs and deletions, not the document's whole delete set.
  const capture = (transactionUpdate: Uint8Array) => (update = transactionUpdate);
  document.on("update", capture);
  document.transact(() => updateYFragment(document, body, changed.doc, meta));
  document.off("update", capture);
  if (!update) throw new Error("The proposal's suggestion changed nothing");
  return { isBuilt: true, update, passage: doc.textBetween(from, to, "\n", " ") };
}

/** The plain replacement an editor would make; trackChanges turns it into the suggestion. */
function replacePassage(state: EditorState, from: number, to: number, wording: string): Transaction {
  const transaction = state.tr.setSelection(TextSelection.create(state.doc, from, to));
  const lines = wording.split(/\n+/).filter((line) => line.trim() !== "");
  if (lines.length <= 1) return transaction.insertText(lines[0] ?? wording, from, to);
  const paragraph = state.schema.nodes.paragraph!;
  const paragraphs = lines.map((line) => paragraph.create(null, state.schema.text(line)));
  return transaction.replace(from, to, new Slice(Fragment.from(paragraphs), 1, 1));
}
