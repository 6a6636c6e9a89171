import { generateHTML } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { htmlStringFromNode } from "@/lib/documents/html-string";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { encodeBlockSuggestion } from "@/lib/editor/block-suggestion";
import { documentExtensions } from "@/lib/editor/extensions";
import { encodeNoteRewording, encodeNoteSuggestion } from "@/lib/editor/note-suggestion";

const suggestion = (organisationCode: string) => ({ id: `s-${organisationCode}`, authorId: "user-1", authorName: 'Arta "Ari" Hoxha & co', organisationCode, createdAt: "2026-05-14T10:00:00.000Z" });

/** Every node and mark of the schema, with text and attributes that need escaping. */
const everything: ProseMirrorJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: "Scope & <purpose>" }] },
    {
      type: "paragraph",
      attrs: { numbered: true },
      content: [
        { type: "text", text: "Plain, " },
        { type: "text", text: "bold", marks: [{ type: "bold" }] },
        { type: "text", text: " and ", marks: [{ type: "italic" }] },
        { type: "text", text: "both", marks: [{ type: "bold" }, { type: "italic" }] },
        { type: "text", text: "under", marks: [{ type: "underline" }] },
        { type: "text", text: "struck", marks: [{ type: "strike" }] },
        { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: 'https://example.org/?a=1&b="2"', title: "A <title>" } }] },
        { type: "hardBreak" },
        { type: "text", text: "commented", marks: [{ type: "comment", attrs: { threadId: "thread-1" } }] },
        { type: "text", text: "proposed", marks: [{ type: "suggestionInsert", attrs: suggestion("AL") }] },
        { type: "text", text: "dropped", marks: [{ type: "suggestionDelete", attrs: suggestion("RS") }] },
        { type: "text", text: "\u00a0non-breaking, Cyrillic: Меморандум; Albanian: Memorandumi i Mirëkuptimit" },
        { type: "note", attrs: { text: 'A note with <brackets>, "quotes" & ampersands.' } },
        { type: "text", text: "to be bold", marks: [{ type: "suggestionFormat", attrs: { ...suggestion("ME"), add: "bold", remove: "" } }] },
        { type: "note", attrs: { text: "A suggested note", noteSuggestion: encodeNoteSuggestion(suggestion("XK"), "insert") } },
        { type: "note", attrs: { text: "A note as it stands", noteSuggestion: encodeNoteRewording(suggestion("AL"), 'New wording with <brackets> & "quotes"') } },
      ],
    },
    {
      type: "paragraph",
      attrs: {
        blockSuggestion: encodeBlockSuggestion(suggestion("MK"), {
          kind: "form",
          from: { type: "paragraph", level: null, article: false, numbered: false, list: null },
          to: { type: "heading", level: 2, article: true, numbered: false, list: null },
        }),
      },
      content: [{ type: "text", text: "To be an article heading" }],
    },
    { type: "paragraph", attrs: { blockSuggestion: encodeBlockSuggestion(suggestion("BA"), { kind: "join" }) }, content: [{ type: "text", text: "To be joined" }] },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }] },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Three" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted" }] }] },
    { type: "horizontalRule" },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [{ type: "tableHeader", attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: "paragraph", content: [{ type: "text", text: "Economy" }] }] }] },
        { type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 2, rowspan: 1, align: "center" }, content: [{ type: "paragraph", content: [{ type: "text", text: "Albania" }] }] }] },
      ],
    },
    { type: "paragraph" },
  ],
};

describe("the server's HTML of a document", () => {
  it.each([
    ["every node and mark of the schema", everything],
    ["the sample MoU", memorandumDraft()],
  ])("is what the DOM emulation @tiptap/html uses writes, for %s", (_label, json) => {
    const node = documentSchema().nodeFromJSON(json);
    node.check();
    // The emulation rewrites style attributes through its CSS parser (adding a final semicolon); browsers read both alike.
    const withoutFinalSemicolons = (html: string) => html.replace(/ style="([^"]*?);"/g, ' style="$1"');
    expect(htmlStringFromNode(node)).toBe(withoutFinalSemicolons(generateHTML(json, documentExtensions())));
  });
});
