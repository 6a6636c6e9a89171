// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { documentExtensions } from "@/lib/editor/extensions";
import { BLOCK_SUGGESTION, parseBlockSuggestion } from "@/lib/editor/block-suggestion";
import { Suggesting } from "@/lib/editor/suggesting";
import { SUGGESTION_INSERT, findSuggestions } from "@/lib/editor/suggestion-marks";
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
