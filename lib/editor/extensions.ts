import { Extension, Node, mergeAttributes, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { CommentMark } from "@/lib/editor/comment-mark";
import { SuggestionDeleteMark, SuggestionFormatMark, SuggestionInsertMark } from "@/lib/editor/suggestion-marks";
import { BlockSuggestionAttribute } from "@/lib/editor/block-suggestion";
import { SuggestibleTableView, TableSuggestionAttribute } from "@/lib/editor/table-suggestion";
import { NOTE_SUGGESTION, noteAsText, parseNoteSuggestion } from "@/lib/editor/note-suggestion";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    legalStructure: {
      /** Turns the current block into a numbered article heading ("Article 3 — Governance"). */
      setArticleHeading: () => ReturnType;
      /** Numbers the current paragraphs within their article, or stops numbering them. */
      toggleNumberedParagraph: () => ReturnType;
    };
    note: {
      /** Inserts a note (footnote) marker at the cursor holding the given text. */
      insertNote: (text: string) => ReturnType;
    };
  }
}

/**
 * Articles and their paragraphs are numbered by their position, never by a stored number: the
 * stylesheet counts them (see components/editor/editor.css), so the numbering stays right
 * whoever moves, adds or deletes an article, including concurrently.
 */
const LegalStructure = Extension.create({
  name: "legalStructure",

  addGlobalAttributes() {
    return [
      {
        types: ["heading"],
        attributes: {
          article: {
            default: false,
            parseHTML: (element) => element.hasAttribute("data-article"),
            renderHTML: (attributes) => (attributes.article ? { "data-article": "" } : {}),
          },
        },
      },
      {
        types: ["paragraph"],
        attributes: {
          numbered: {
            default: false,
            parseHTML: (element) => element.hasAttribute("data-numbered"),
            renderHTML: (attributes) => (attributes.numbered ? { "data-numbered": "" } : {}),
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      setArticleHeading:
        () =>
        ({ commands }) =>
          commands.setNode("heading", { level: 2, article: true }),
      toggleNumberedParagraph:
        () =>
        ({ editor, commands }) => {
          if (!editor.isActive("paragraph")) return false;
          return commands.updateAttributes("paragraph", { numbered: !editor.getAttributes("paragraph").numbered });
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      "Mod-Alt-a": () => this.editor.commands.setArticleHeading(),
      "Mod-Alt-p": () => this.editor.commands.toggleNumberedParagraph(),
    };
  },
});

const NOTE_SUGGESTION_VERBS = { insert: "insertion", delete: "deletion", reword: "new wording" } as const;

/**
 * A note (footnote): a numbered marker in the text whose wording is an attribute of the marker.
 * Keeping the wording in one attribute makes a note move, copy and delete with its marker; two
 * people editing the same note's wording at once keep the last one saved.
 */
const Note = Node.create({
  name: "note",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      text: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-note") ?? "",
        renderHTML: (attributes) => ({ "data-note": String(attributes.text ?? "") }),
      },
      // A note suggested into or out of the text or reworded (lib/editor/note-suggestion.ts); never read from HTML,
      // so pasted or imported markup cannot bring a suggestion in anyone's name.
      [NOTE_SUGGESTION]: {
        default: null,
        parseHTML: () => null,
        renderHTML: (attributes) => {
          const suggestion = parseNoteSuggestion(attributes[NOTE_SUGGESTION]);
          if (!suggestion) return {};
          const verb = NOTE_SUGGESTION_VERBS[suggestion.kind];
          return {
            class: `note-suggestion note-suggestion--${suggestion.kind}`,
            style: `--suggestion-colour: var(--economy-${suggestion.organisationCode})`,
            "data-economy": suggestion.organisationCode,
            "data-suggestion-id": suggestion.id,
            "aria-label": `Suggested ${verb} of a note by ${suggestion.authorName} (${suggestion.organisationCode})`,
          };
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: "sup[data-note]" }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const text = String(node.attrs.text ?? "");
    // Hovering a reworded note's number shows both wordings.
    const suggestion = parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]);
    const title = suggestion?.kind === "reword" ? `${text}\n${suggestion.organisationCode} proposes: ${suggestion.text}` : text;
    return ["sup", mergeAttributes(HTMLAttributes, { class: "note-marker", title })];
  },

  // Plain text (the clipboard, and through leafText the server's digests and diffs) keeps the
  // note's wording at its place.
  renderText({ node }) {
    return noteAsText(node.attrs.text);
  },

  extendNodeSchema(extension) {
    return extension.name === "note" ? { leafText: (node: { attrs: Record<string, unknown> }) => noteAsText(node.attrs.text) } : {};
  },

  addCommands() {
    return {
      insertNote:
        (text) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { text } }),
    };
  },
});

/**
 * The one definition of what an Accord document is. The browser's editor, the server's
 * conversions (seed, export, versions, digests, diffs) all build their schema from this list,
 * so they never disagree about the document's structure. Nothing here may touch the DOM at
 * import time: the collaboration server loads it in Node.
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
    TableKit.configure({ table: { resizable: false, View: SuggestibleTableView } }),
    LegalStructure,
    Note,
    CommentMark,
    SuggestionInsertMark,
    SuggestionDeleteMark,
    SuggestionFormatMark,
    BlockSuggestionAttribute,
    TableSuggestionAttribute,
  ];
}

/** The Yjs XML fragment that holds the document body. */
export const DOCUMENT_FIELD = "default";
