import { Mark, mergeAttributes } from "@tiptap/core";

/** The mark's name, which is also the key of its formatting attribute in the Yjs document. */
export const COMMENT_MARK = "comment";

/**
 * The anchor of a comment thread: a mark on the commented words carrying the thread's id. Living
 * in the Yjs document like bold or italic, it moves with its words through everyone's concurrent
 * edits and is saved with them. Marks of different threads may overlap (`excludes: ""`), and
 * typing at either edge of a passage does not stretch it (`inclusive: false`).
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
});
