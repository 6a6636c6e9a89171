// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { Transform } from "@tiptap/pm/transform";
import { afterEach, describe, expect, it } from "vitest";
import { documentExtensions } from "@/lib/editor/extensions";
import { Suggesting } from "@/lib/editor/suggesting";
import { findSuggestions, type SuggestionAuthor } from "@/lib/editor/suggestion-marks";
import { applySuggestionOutcomes, withoutSuggestions, type SuggestionOutcome } from "@/lib/editor/suggestion-decisions";
import { TABLE_SUGGESTION, withoutSuggestedTables } from "@/lib/editor/table-suggestion";

const ALBANIA: SuggestionAuthor = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };
const SERBIA: SuggestionAuthor = { id: "user-rs", name: "Milan Petrović", organisationCode: "RS" };

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };
const cell = (text: string, type = "tableCell", attrs: Record<string, unknown> = {}): Json => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs }, content: [{ type: "paragraph", content: text ? [{ type: "text", text }] : [] }] });
const row = (...cells: Json[]): Json => ({ type: "tableRow", content: cells });

/** A table of contact points with a header row, between two paragraphs. */
function contactTable(): Json {
  return {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "Contact points:" }] },
      { type: "table", content: [row(cell("Economy", "tableHeader"), cell("Role", "tableHeader")), row(cell("Albania"), cell("Chair")), row(cell("Serbia"), cell("Member"))] },
      { type: "paragraph", content: [{ type: "text", text: "Changes are notified." }] },
    ],
  };
}

/** The real editor with the one schema, in Suggesting mode as `author` (or Editing when no author is given). */
function editorWith(content: Json, author: SuggestionAuthor | null = ALBANIA): Editor {
  let next = 0;
  const editor = new Editor({
    extensions: [...documentExtensions(), Suggesting.configure({ author, initialMode: author ? "suggesting" : "editing", createId: () => `${author?.organisationCode ?? "x"}-${(next += 1)}`, now: () => new Date("2024-03-01T10:00:00Z") })],
    content,
  });
  editors.push(editor);
  return editor;
}

/** The position inside the cell holding `words`, as a click there gives. */
function inCell(editor: Editor, words: string): number {
  let found = -1;
  editor.state.doc.descendants((node, position) => {
    if (found < 0 && node.isText && node.text === words) found = position;
    return found < 0;
  });
  if (found < 0) throw new Error(`"${words}" is not in a cell`);
  return found;
}

/** Each row's cells as "text" or "text*kind" where the cell carries a column suggestion. */
function grid(editor: Editor): string[][] {
  const rows: string[][] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name !== "tableRow") return true;
    const cells: string[] = [];
    node.forEach((child) => cells.push(child.textContent + (child.attrs[TABLE_SUGGESTION] ? `*${JSON.parse(child.attrs[TABLE_SUGGESTION]).kind}` : "")));
    rows.push(cells);
    return false;
  });
  return rows;
}

function decide(editor: Editor, outcome: SuggestionOutcome, pick: (change: string) => boolean = () => true): void {
  const transaction = editor.state.tr;
  applySuggestionOutcomes(transaction, new Map(findSuggestions(editor.state.doc).filter((suggestion) => pick(suggestion.change)).map((suggestion) => [suggestion.id, outcome])));
  editor.view.dispatch(transaction);
}

/** The clean text (every suggestion rejected), as digests define it. */
const clean = (editor: Editor) => withoutSuggestions(new Transform(editor.state.doc)).doc.toJSON();

describe("table columns as suggestions", () => {
  it("adding a column is one suggestion on a cell in every row, a header cell in the header row; rejecting takes it out, accepting keeps it", () => {
    const editor = editorWith(contactTable());
    const original = editor.state.doc.toJSON();
    editor.commands.setTextSelection(inCell(editor, "Albania"));
    editor.commands.addColumnAfter();

    expect(grid(editor)).toEqual([
      ["Economy", "*insert", "Role"],
      ["Albania", "*insert", "Chair"],
      ["Serbia", "*insert", "Member"],
    ]);
    const table = editor.state.doc.child(1);
    expect(table.child(0).child(1).type.name).toBe("tableHeader");
    expect(table.child(1).child(1).type.name).toBe("tableCell");
    const suggestions = findSuggestions(editor.state.doc);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ organisationCode: "AL", authorId: "user-al", change: "New table column", columns: [{ column: 1 }, { column: 1 }, { column: 1 }] });
    // The clean text, and so the digest, is the text without the column.
    expect(clean(editor)).toEqual(original);
    expect(withoutSuggestedTables(editor.state.doc.toJSON())).toEqual(original);

    decide(editor, "reject");
    expect(editor.state.doc.toJSON()).toEqual(original);

    editor.commands.setTextSelection(inCell(editor, "Chair"));
    editor.commands.addColumnAfter();
    expect(findSuggestions(editor.state.doc)[0]!.columns.map((cell) => cell.column)).toEqual([2, 2, 2]);
    decide(editor, "accept");
    expect(grid(editor)).toEqual([
      ["Economy", "Role", ""],
      ["Albania", "Chair", ""],
      ["Serbia", "Member", ""],
    ]);
    expect(findSuggestions(editor.state.doc)).toEqual([]);
  });

  it("deleting a column leaves it struck through, described by its words; rejecting keeps it, accepting removes it from every row", () => {
    const editor = editorWith(contactTable(), SERBIA);
    const original = editor.state.doc.toJSON();
    editor.commands.setTextSelection(inCell(editor, "Chair"));
    editor.commands.deleteColumn();

    expect(grid(editor)).toEqual([
      ["Economy", "Role*delete"],
      ["Albania", "Chair*delete"],
      ["Serbia", "Member*delete"],
    ]);
    expect(findSuggestions(editor.state.doc)).toMatchObject([{ organisationCode: "RS", change: "Delete table column: ‘Role | Chair | Member’" }]);
    expect(clean(editor)).toEqual(original);

    decide(editor, "reject");
    expect(editor.state.doc.toJSON()).toEqual(original);
    editor.commands.setTextSelection(inCell(editor, "Economy"));
    editor.commands.deleteColumn();
    decide(editor, "accept");
    expect(grid(editor)).toEqual([["Role"], ["Chair"], ["Member"]]);
  });

  it("taking back one's own new column removes it; words typed into it are the author's own suggestions", () => {
    const editor = editorWith(contactTable());
    const original = editor.state.doc.toJSON();
    editor.commands.setTextSelection(inCell(editor, "Albania"));
    editor.commands.addColumnAfter();
    // The cursor stays in the cell it was in.
    expect(editor.state.selection.$from.parent.textContent).toBe("Albania");
    const newCell = editor.state.doc.child(1).child(1).child(1);
    let inside = -1;
    editor.state.doc.descendants((node, position) => {
      if (node === newCell) inside = position + 2;
      return inside < 0;
    });
    editor.commands.setTextSelection(inside);
    editor.commands.insertContent("Tirana");
    expect(findSuggestions(editor.state.doc).map((suggestion) => suggestion.change || suggestion.inserted)).toEqual(["New table column: ‘ | Tirana | ’", "Tirana"]);

    editor.commands.setTextSelection(inside);
    editor.commands.deleteColumn();
    expect(editor.state.doc.toJSON()).toEqual(original);
  });

  it("rejecting a column also takes out the cell of a row added to the table since", () => {
    const editor = editorWith(contactTable());
    editor.commands.setTextSelection(inCell(editor, "Albania"));
    editor.commands.addColumnAfter();
    // The secretariat, editing directly, adds a row while the column is still a suggestion.
    const secretariat = editorWith(editor.state.doc.toJSON() as Json, null);
    secretariat.commands.setTextSelection(inCell(secretariat, "Serbia"));
    secretariat.commands.addRowAfter();
    expect(grid(secretariat)).toEqual([
      ["Economy", "*insert", "Role"],
      ["Albania", "*insert", "Chair"],
      ["Serbia", "*insert", "Member"],
      ["", "", ""],
    ]);
    decide(secretariat, "reject");
    expect(grid(secretariat)).toEqual([
      ["Economy", "Role"],
      ["Albania", "Chair"],
      ["Serbia", "Member"],
      ["", ""],
    ]);
  });

  it("does not suggest a column through merged cells (their spans would change)", () => {
    const merged: Json = {
      type: "doc",
      content: [{ type: "table", content: [row(cell("Economies", "tableHeader", { colspan: 2 })), row(cell("Albania"), cell("Serbia"))] }, { type: "paragraph" }],
    };
    const editor = editorWith(merged);
    const before = editor.state.doc.toJSON();
    editor.commands.setTextSelection(inCell(editor, "Albania"));
    editor.commands.addColumnAfter();
    editor.commands.setTextSelection(inCell(editor, "Albania"));
    editor.commands.deleteColumn();
    expect(editor.state.doc.toJSON()).toEqual(before);
  });

  it("in a table that is not a plain grid, deciding takes out only the cells that carry the suggestion", () => {
    const suggestion = JSON.stringify({ id: "al-column", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL", createdAt: "2024-03-01T10:00:00.000Z", kind: "insert" });
    const editor = editorWith(
      {
        type: "doc",
        content: [
          { type: "table", content: [row(cell("Economies", "tableHeader", { colspan: 2 }), cell("", "tableHeader", { tableSuggestion: suggestion })), row(cell("Albania"), cell("Serbia"), cell("", "tableCell", { tableSuggestion: suggestion }))] },
          { type: "paragraph" },
        ],
      },
      null,
    );
    decide(editor, "reject");
    expect(grid(editor)).toEqual([["Economies"], ["Albania", "Serbia"]]);
  });
});
