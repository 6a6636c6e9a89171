import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";

/**
 * The one definition of what an Accord document is. The browser's editor, the server's
 * conversions (seed, export, versions, digests, diffs) all build their schema from this list,
 * so they never disagree about the document's structure.
 *
 * Undo/redo is left out here because the collaborative editor adds Yjs' own undo manager,
 * which undoes only the local user's changes.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, HTMLAttributes: { rel: "noopener noreferrer nofollow" } },
      codeBlock: false,
      code: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

/** The Yjs XML fragment that holds the document body. */
export const DOCUMENT_FIELD = "default";
