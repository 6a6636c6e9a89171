// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { documentExtensions } from "@/lib/editor/extensions";
import { BLOCK_SUGGESTION, parseBlockSuggestion } from "@/lib/editor/block-suggestion";
import { Suggesting } from "@/lib/editor/suggesting";
import { SUGGESTION_INSERT, findSuggestions } from "@/lib/editor/suggestion-marks";
import { NOTE_SUGGESTION, encodeNoteRewording, encodeNoteSuggestion, parseNoteSuggestion } from "@/lib/editor/note-suggestion";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";

const ALBANIA = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

/** The real editor with the one schema and Suggesting mode on, as a delegate under negotiation has it. */
function suggestingEditor(content: object): Editor {
  let next = 0;
  editor = new Editor({
    extensions: [...documentExtensions(), Suggesting.configure({ author: ALBANIA, initialMode: "suggesting", createId: () => `s${(next += 1)}`, now: () => new Date("2024-03-01T10:00:00Z") })],
    content,
  });
  return editor;
}

/** Types as a keyboard does: each character is offered to the input rules first, as ProseMirror's view does. */
function type(editor: Editor, text: string): void {
  for (const character of text) {
    const { from, to } = editor.state.selection;
    const isHandled = editor.view.someProp("handleTextInput", (handle) => handle(editor.view, from, to, character, () => editor.state.tr.insertText(character, from, to)));
    if (!isHandled) editor.view.dispatch(editor.state.tr.insertText(character, from, to));
  }
}

const paragraphs = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

describe("Markdown-style shortcuts in Suggesting mode", () => {
  it.each([
    ["# ", { type: "heading", level: 1, list: null }],
    ["## ", { type: "heading", level: 2, list: null }],
    ["- ", { type: "paragraph", list: "bulletList" }],
    ["1. ", { type: "paragraph", list: "orderedList" }],
  ])("%j at the start of a paragraph proposes its form and removes the typed marker", (shortcut, expected) => {
    const editor = suggestingEditor(paragraphs("Trust services", "Cooperation"));
    editor.commands.setTextSelection(1);
    type(editor, shortcut);

    const first = editor.state.doc.firstChild!;
    // The words are unchanged by construction: the paragraph keeps its node and the marker is gone.
    expect(first.type.name).toBe("paragraph");
    expect(first.textContent).toBe("Trust services");
    const proposal = parseBlockSuggestion(first.attrs[BLOCK_SUGGESTION]);
    expect(proposal).toMatchObject({ authorId: "user-al", organisationCode: "AL", proposal: { kind: "form", to: expect.objectContaining(expected) } });
    // No suggested insertion of "#" or "-" is left, only the form proposal.
    expect(findSuggestions(editor.state.doc).map(({ inserted, deleted, blocks }) => ({ inserted, deleted, blocks: blocks.length }))).toEqual([{ inserted: "", deleted: "", blocks: 1 }]);
    expect(editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n")).toBe("Trust services\nCooperation");
  });

  it("types the words after the shortcut as the author's suggestion in the proposed paragraph", () => {
    const editor = suggestingEditor(paragraphs("Trust services"));
    editor.commands.setTextSelection(1);
    type(editor, "# New ");
    const first = editor.state.doc.firstChild!;
    expect(first.textContent).toBe("New Trust services");
    expect(first.child(0).marks.map((mark) => mark.type.name)).toContain(SUGGESTION_INSERT);
    expect(parseBlockSuggestion(first.attrs[BLOCK_SUGGESTION])?.proposal).toMatchObject({ kind: "form", to: { type: "heading", level: 1 } });
  });

  it("suggests deleting a marker that was already in the text, since it is not the typist's to remove", () => {
    const editor = suggestingEditor(paragraphs("#Trust services"));
    editor.commands.setTextSelection(2);
    type(editor, " ");
    const [suggestion] = findSuggestions(editor.state.doc);
    expect(editor.state.doc.firstChild!.textContent).toBe("#Trust services");
    expect(suggestion).toMatchObject({ authorId: "user-al", deleted: "#", inserted: "", blocks: [{ proposal: { kind: "form", to: { type: "heading", level: 1 } } }] });
  });
});

describe("rewording a note in Suggesting mode", () => {
  const SERBIA = { id: "s-rs", authorId: "user-rs", authorName: "Milan Petrović", organisationCode: "RS", createdAt: "2024-02-01T10:00:00.000Z" };
  const withNotes = (...notes: object[]) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Trust services" }, ...notes.map((attrs) => ({ type: "note", attrs }))] }] });
  /** The notes of the text: wording and suggestion. */
  const notes = (editor: Editor) => {
    const found: { position: number; text: string; suggestion: ReturnType<typeof parseNoteSuggestion> }[] = [];
    editor.state.doc.descendants((node, position) => {
      if (node.type.name === "note") found.push({ position, text: String(node.attrs.text), suggestion: parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]) });
    });
    return found;
  };
  /** What the notes panel does when its field changes. */
  const reword = (editor: Editor, index: number, text: string) => editor.view.dispatch(editor.state.tr.setNodeAttribute(notes(editor)[index]!.position, "text", text));

  it("new wording for a note of the text becomes Albania's proposal, the note's wording unchanged; the panel lists it", () => {
    const editor = suggestingEditor(withNotes({ text: "See Annex I." }));
    reword(editor, 0, "See Annex II.");
    expect(notes(editor)).toMatchObject([{ text: "See Annex I.", suggestion: { kind: "reword", text: "See Annex II.", id: "s1", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL" } }]);
    expect(findSuggestions(editor.state.doc)).toMatchObject([{ id: "s1", organisationCode: "AL", inserted: "", deleted: "", change: "Note: ‘See Annex I.’ → ‘See Annex II.’", rewordings: [{ wording: "See Annex I.", proposed: "See Annex II." }] }]);
    // The clean text (what digests cover) is the text as it stands.
    expect(editor.state.doc.textContent).toBe("Trust services [Note: See Annex I.]");
  });

  it("rewording again replaces one's proposal under the same id, and proposing the wording the note has takes it back", () => {
    const editor = suggestingEditor(withNotes({ text: "See Annex I." }));
    reword(editor, 0, "See Annex II.");
    reword(editor, 0, "See Annexes II and III.");
    expect(notes(editor)[0]!.suggestion).toMatchObject({ id: "s1", kind: "reword", text: "See Annexes II and III." });
    expect(findSuggestions(editor.state.doc)).toHaveLength(1);
    reword(editor, 0, "See Annex I.");
    expect(notes(editor)).toEqual([{ position: 15, text: "See Annex I.", suggestion: null }]);
  });

  it("leaves a note with someone else's open suggestion as it is, and one's own suggested note is still one's own to write", () => {
    const editor = suggestingEditor(
      withNotes(
        { text: "Serbia's wording.", noteSuggestion: encodeNoteRewording(SERBIA, "Serbia's proposal.") },
        { text: "Serbia would delete this.", noteSuggestion: encodeNoteSuggestion(SERBIA, "delete") },
        { text: "Albania's draft.", noteSuggestion: encodeNoteSuggestion({ ...SERBIA, id: "al-note", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL" }, "insert") },
      ),
    );
    const before = editor.state.doc;
    reword(editor, 0, "Albania's proposal.");
    reword(editor, 1, "Albania's proposal.");
    expect(editor.state.doc.eq(before)).toBe(true);
    reword(editor, 2, "Albania's final wording.");
    expect(notes(editor)[2]).toMatchObject({ text: "Albania's final wording.", suggestion: { kind: "insert", id: "al-note" } });
  });

  it("deleting a note one proposed new wording for suggests its deletion instead", () => {
    const editor = suggestingEditor(withNotes({ text: "See Annex I." }));
    reword(editor, 0, "See Annex II.");
    const { position } = notes(editor)[0]!;
    editor.view.dispatch(editor.state.tr.delete(position, position + 1));
    expect(notes(editor)).toMatchObject([{ text: "See Annex I.", suggestion: { kind: "delete", authorId: "user-al" } }]);
  });

  it("accepting gives the note the proposed wording; rejecting (or withdrawing) leaves it as it was", () => {
    for (const [outcome, wording] of [["accept", "See Annex II."], ["reject", "See Annex I."]] as const) {
      const editor = suggestingEditor(withNotes({ text: "See Annex I." }));
      reword(editor, 0, "See Annex II.");
      const decision = editor.state.tr;
      expect(applySuggestionOutcomes(decision, new Map([["s1", outcome]]))).toBe(1);
      editor.view.dispatch(decision);
      expect(notes(editor)).toEqual([{ position: 15, text: wording, suggestion: null }]);
      editor.destroy();
    }
  });
});

describe("Markdown-style shortcuts in a paragraph just suggested with Enter", () => {
  it.each([
    ["# ", { type: "heading", level: 1 }, null],
    ["## ", { type: "heading", level: 2 }, null],
    ["- ", { type: "paragraph" }, "bulletList"],
    ["1. ", { type: "paragraph" }, "orderedList"],
  ])("%j makes the new paragraph that form at once, as it is wholly the author's own suggestion; rejecting it removes it whole", (shortcut, form, list) => {
    const editor = suggestingEditor(paragraphs("Trust services", "Cooperation"));
    const original = editor.state.doc.toJSON();
    editor.commands.setTextSelection(1 + "Trust services".length);
    editor.commands.splitBlock();
    type(editor, `${shortcut}Purpose`);

    const added = editor.state.doc.child(1);
    const block = list ? added.firstChild!.firstChild! : added;
    expect(added.type.name).toBe(list ?? form.type);
    expect(block.type.name).toBe(form.type);
    if ("level" in form) expect(block.attrs.level).toBe(form.level);
    // Only the words typed after the shortcut are left (beside the new paragraph's invisible placeholder), all Albania's suggestion.
    expect(block.textContent.replaceAll("\u200b", "")).toBe("Purpose");
    block.forEach((child) => expect(child.marks.map((mark) => mark.type.name)).toEqual([SUGGESTION_INSERT]));
    expect(block.attrs[BLOCK_SUGGESTION]).toBeNull();
    const suggestions = findSuggestions(editor.state.doc);
    expect(suggestions.every(({ authorId, deleted, blocks }) => authorId === "user-al" && deleted === "" && blocks.length === 0)).toBe(true);
    expect(suggestions.map(({ inserted }) => inserted).join("")).toBe("Purpose");

    const transaction = editor.state.tr;
    applySuggestionOutcomes(transaction, new Map(suggestions.map(({ id }) => [id, "reject"])));
    editor.view.dispatch(transaction);
    expect(editor.state.doc.toJSON()).toEqual(original);
  });
});

describe("taking back a paragraph just suggested with Enter", () => {
  it("Backspace in the new, still empty paragraph removes it whole, leaving the text as it was and the caret where Enter was pressed", () => {
    const editor = suggestingEditor(paragraphs("Trust services", "Cooperation"));
    const original = editor.state.doc.toJSON();
    const end = 1 + "Trust services".length;
    editor.commands.setTextSelection(end);
    editor.commands.splitBlock();
    expect(editor.state.doc.childCount).toBe(3);
    // What Backspace does there: the browser deletes the character before the caret, the new paragraph's placeholder.
    const { from } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.delete(from - 1, from));

    expect(editor.state.doc.toJSON()).toEqual(original);
    expect(findSuggestions(editor.state.doc)).toEqual([]);
    expect(editor.state.selection.from).toBe(end);
  });

  it("a new paragraph that is the only one of its list item is left to the list's own rules", () => {
    const editor = suggestingEditor({ type: "doc", content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Trust services" }] }] }] }] });
    editor.commands.setTextSelection(3 + "Trust services".length);
    editor.commands.splitListItem("listItem");
    const { from } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.delete(from - 1, from));
    // Still a document the schema accepts: the item keeps a paragraph.
    expect(() => editor.state.doc.check()).not.toThrow();
  });
});
