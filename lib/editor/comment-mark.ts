import { Mark, mergeAttributes } from "@tiptap/core";
import { Fragment, Slice, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

/** The mark's name, which is also the key of its formatting attribute in the Yjs document. */
export const COMMENT_MARK = "comment";

/** A passage selected for a new comment, held as Yjs relative positions so it follows everyone's edits while the comment is written. */
export type PendingPassage = { from: Y.RelativePosition; to: Y.RelativePosition };

/** What the comments panel tells the editor to show: each thread's status and economy, the thread in focus, the passage being commented. */
export type CommentHighlights = {
  threads: Record<string, { status: "OPEN" | "ANSWERED" | "RESOLVED"; organisationCode: string }>;
  activeThreadId: string | null;
  pending: PendingPassage | null;
};

type HighlightState = CommentHighlights & { decorations: DecorationSet };

export const commentHighlightsKey = new PluginKey<HighlightState>("commentHighlights");

/** The ranges each thread's mark covers in a ProseMirror document, in reading order. */
export function findCommentRanges(doc: ProseMirrorNode): Map<string, { from: number; to: number }[]> {
  const ranges = new Map<string, { from: number; to: number }[]>();
  doc.descendants((node, position) => {
    if (!node.isInline) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== COMMENT_MARK || typeof mark.attrs.threadId !== "string") continue;
      const list = ranges.get(mark.attrs.threadId) ?? [];
      const last = list.at(-1);
      // Neighbouring text nodes (bold next to plain) form one range.
      if (last && last.to === position) last.to = position + node.nodeSize;
      else list.push({ from: position, to: position + node.nodeSize });
      ranges.set(mark.attrs.threadId, list);
    }
    return false;
  });
  return ranges;
}

/** Yjs relative positions for a range of the collaborative editor's document. */
export function rememberPassage(state: EditorState, from: number, to: number): PendingPassage | null {
  const sync = ySyncPluginKey.getState(state);
  if (!sync?.binding) return null;
  return {
    from: absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping),
    to: absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping),
  };
}

/** Where a remembered passage is now; null once its words are gone. */
export function resolvePassage(state: EditorState, passage: PendingPassage): { from: number; to: number } | null {
  const sync = ySyncPluginKey.getState(state);
  if (!sync?.binding) return null;
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, passage.from, sync.binding.mapping);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, passage.to, sync.binding.mapping);
  return from !== null && to !== null && from < to ? { from, to } : null;
}

function buildDecorations(state: EditorState, highlights: CommentHighlights): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [threadId, ranges] of findCommentRanges(state.doc)) {
    const thread = highlights.threads[threadId];
    const isActive = threadId === highlights.activeThreadId;
    // Settled threads and marks of threads this reader does not know (yet) stay unhighlighted.
    if (!thread || (thread.status === "RESOLVED" && !isActive)) continue;
    const attributes = {
      class: `comment-highlight comment-highlight--${thread.status.toLowerCase()}${isActive ? " comment-highlight--active" : ""}`,
      // Underlined in the colour of the economy that raised it (codes come from the catalogue, never from text).
      style: /^[A-Z]{2,6}$/.test(thread.organisationCode) ? `--comment-colour: var(--economy-${thread.organisationCode})` : "",
      "data-comment-thread": threadId,
    };
    for (const { from, to } of ranges) decorations.push(Decoration.inline(from, to, attributes));
  }
  const pending = highlights.pending ? resolvePassage(state, highlights.pending) : null;
  if (pending) decorations.push(Decoration.inline(pending.from, pending.to, { class: "comment-highlight comment-highlight--pending" }));
  return DecorationSet.create(state.doc, decorations);
}

/**
 * The anchor of a comment thread: a mark on the commented words carrying the thread's id. Living
 * in the Yjs document like bold or italic, it moves with its words through everyone's concurrent
 * edits and is saved with them. Marks of different threads may overlap (`excludes: ""`), and
 * typing at either edge of a passage does not stretch it (`inclusive: false`).
 *
 * The mark itself renders no colour: a plugin highlights passages by their thread's status (sent
 * by the comments panel as a transaction meta), so settled threads fade and the thread in focus stands out.
 */
export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  inclusive: false,
  excludes: "",

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-thread-id"),
        renderHTML: (attributes) => ({ "data-thread-id": String(attributes.threadId ?? "") }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-thread-id]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { class: "comment-anchor" }), 0];
  },

  addProseMirrorPlugins() {
    const empty: CommentHighlights = { threads: {}, activeThreadId: null, pending: null };
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => ({ ...empty, decorations: buildDecorations(state, empty) }),
          apply(transaction, previous, _oldState, newState) {
            const update = transaction.getMeta(commentHighlightsKey) as Partial<CommentHighlights> | undefined;
            if (!update && !transaction.docChanged) return previous;
            const next = { ...previous, ...update };
            return { ...next, decorations: buildDecorations(newState, next) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          // A pasted copy of commented words must not become a second anchor of the same thread.
          transformPasted: (slice, view) => {
            const markType = view.state.schema.marks[COMMENT_MARK];
            if (!markType) return slice;
            const strip = (fragment: Fragment): Fragment => {
              const children: ProseMirrorNode[] = [];
              fragment.forEach((child) => children.push(child.isText ? child.mark(markType.removeFromSet(child.marks)) : child.copy(strip(child.content))));
              return Fragment.fromArray(children);
            };
            return new Slice(strip(slice.content), slice.openStart, slice.openEnd);
          },
        },
      }),
    ];
  },
});
