import { EditorState, TextSelection, type Command, type Transaction } from "@tiptap/pm/state";
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable } from "@tiptap/pm/tables";
import { wrapInList } from "@tiptap/pm/schema-list";
import { Slice, Fragment } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentSchema, jsonFromYDoc, plainTextFromJson } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { BLOCK_SUGGESTION, encodeBlockSuggestion } from "@/lib/editor/block-suggestion";
import { NOTE_SUGGESTION, encodeNoteRewording, encodeNoteSuggestion } from "@/lib/editor/note-suggestion";
import { TABLE_SUGGESTION, encodeTableSuggestion } from "@/lib/editor/table-suggestion";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { versionTextsFromJson } from "@/lib/versions/canonical-content";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";
import { SuggestionReplica, type Suggester } from "@/lib/suggestions/update-rule";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";

const albania: Suggester = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };
const serbia: Suggester = { id: "user-rs", name: "Milan Petrović", organisationCode: "RS" };
const secretariat: Suggester = { id: "user-rcc", name: "Secretariat", organisationCode: "RCC" };

/** A hand-made update, as a raw Yjs client would send it: the change done straight on a copy of the server's document body. */
function handMadeUpdate(server: Y.Doc, change: (body: Y.XmlFragment) => void): Uint8Array {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
  const vector = Y.encodeStateVector(fresh);
  change(fresh.getXmlFragment(DOCUMENT_FIELD));
  return Y.encodeStateAsUpdate(fresh, vector);
}

function setup() {
  const server = yDocFrom(negotiationText());
  const replica = new SuggestionReplica(server);
  /** What the collaboration server does: check, and apply only what is allowed. */
  const send = (update: Uint8Array, from: Suggester) => {
    const verdict = replica.check(update, from);
    if (verdict.isAllowed) Y.applyUpdate(server, update);
    return verdict;
  };
  const text = () => plainTextFromJson(jsonFromYDoc(server));
  return { server, send, text };
}

describe("the negotiation rule on updates from delegates", () => {
  it("allows a delegate's own suggested insertion and deletion, and records who made them", () => {
    const { server, send } = setup();
    const editor = new HeadlessEditor(server, albania);
    const at = editor.find("cooperate");
    expect(send(editor.change(HeadlessEditor.typeAt(at, at, " closely")), albania)).toEqual({ isAllowed: true });
    const word = editor.find("trust ", "start");
    expect(send(editor.change((state) => state.tr.delete(word, word + "trust ".length)), albania)).toEqual({ isAllowed: true });

    const suggestions = findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
    expect(suggestions.map(({ inserted, deleted, organisationCode, authorId, article }) => ({ inserted, deleted, organisationCode, authorId, article }))).toEqual([
      { inserted: " closely", deleted: "", organisationCode: "AL", authorId: "user-al", article: "Article 1 — Scope" },
      { inserted: "", deleted: "trust ", organisationCode: "AL", authorId: "user-al", article: "Article 1 — Scope" },
    ]);
  });

  it("allows a replacement, Enter and a paste of two paragraphs as suggestions, and deciding them gives the edit", () => {
    const { server, send, text } = setup();
    const editor = new HeadlessEditor(server, albania);
    const from = editor.find("cooperate", "start");
    expect(send(editor.change(HeadlessEditor.typeAt(from, from + "cooperate".length, "work together")), albania).isAllowed).toBe(true);
    const split = editor.find("on trust", "start");
    expect(send(editor.change((state) => state.tr.setSelection(TextSelection.create(state.doc, split)).split(split)), albania).isAllowed).toBe(true);
    const end = editor.find("contact point.");
    const pasted = new Slice(
      Fragment.from([documentSchema().node("paragraph", null, [documentSchema().text(" Also")]), documentSchema().node("paragraph", null, [documentSchema().text("A new paragraph.")])]),
      1,
      1,
    );
    expect(send(editor.change((state) => state.tr.replace(end, end, pasted)), albania).isAllowed).toBe(true);
    // The text as it stands still reads as before, with the suggestions in it.
    expect(text()).toContain("The Participants shall cooperatework together on trust services.");

    // The secretariat accepts everything in its own editor.
    const pen = new HeadlessEditor(server, secretariat);
    const transaction = pen.editorState.tr;
    const ids = findSuggestions(pen.editorState.doc).map((suggestion) => suggestion.id);
    expect(applySuggestionOutcomes(transaction, new Map(ids.map((id) => [id, "accept" as const])))).toBe(3);
    Y.applyUpdate(server, pen.apply(transaction));
    expect(text()).toBe(
      "Scope\n\nThe Participants shall work together \n\non trust services.\n\nEach Participant designates a contact point. Also\n\nA new paragraph.",
    );
    expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toEqual([]);
  });

  it("allows a new paragraph at the top level as the first change the server checks", () => {
    const { server, send } = setup();
    const editor = new HeadlessEditor(server, albania);
    const end = editor.find("contact point.");
    expect(send(editor.change((state) => state.tr.split(end)), albania)).toEqual({ isAllowed: true });
  });

  it("rejecting restores the original text, new paragraphs included", () => {
    const { server, send, text } = setup();
    const original = text();
    const editor = new HeadlessEditor(server, albania);
    const from = editor.find("cooperate", "start");
    send(editor.change(HeadlessEditor.typeAt(from, from + "cooperate".length, "work together")), albania);
    const split = editor.find("on trust", "start");
    send(editor.change((state) => state.tr.split(split)), albania);
    const pen = new HeadlessEditor(server, secretariat);
    const transaction = pen.editorState.tr;
    applySuggestionOutcomes(transaction, new Map(findSuggestions(pen.editorState.doc).map((suggestion) => [suggestion.id, "reject" as const])));
    Y.applyUpdate(server, pen.apply(transaction));
    expect(text()).toBe(original);
  });

  it("lets the author take back their own suggestions", () => {
    const { server, send } = setup();
    const editor = new HeadlessEditor(server, albania);
    const at = editor.find("cooperate");
    send(editor.change(HeadlessEditor.typeAt(at, at, " closely")), albania);
    const word = editor.find("trust ", "start");
    send(editor.change((state) => state.tr.delete(word, word + 6)), albania);
    const transaction = editor.editorState.tr;
    applySuggestionOutcomes(transaction, new Map(findSuggestions(editor.editorState.doc).map((suggestion) => [suggestion.id, "reject" as const])));
    expect(send(editor.apply(transaction), albania)).toEqual({ isAllowed: true });
    expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toEqual([]);
  });

  it("refuses a direct edit, a forged suggestion, touching another economy's suggestion and accepting", () => {
    const { server, send, text } = setup();
    const before = Y.encodeStateAsUpdate(server);
    const direct = new HeadlessEditor(server, albania);
    const at = direct.find("cooperate");
    expect(send(direct.change(HeadlessEditor.typeAt(at, at, " closely"), "editing"), albania)).toMatchObject({ isAllowed: false });
    const deleted = new HeadlessEditor(server, albania);
    const word = deleted.find("trust ", "start");
    expect(send(deleted.change((state) => state.tr.delete(word, word + 6), "editing"), albania)).toMatchObject({ isAllowed: false });

    const forged = new HeadlessEditor(server, albania);
    expect(send(forged.change(HeadlessEditor.typeAt(at, at, " closely"), "suggesting", { organisationCode: "RS" }), albania)).toMatchObject({ isAllowed: false });
    const stolen = new HeadlessEditor(server, albania);
    expect(send(stolen.change(HeadlessEditor.typeAt(at, at, " closely"), "suggesting", { authorId: "user-rs" }), albania)).toMatchObject({ isAllowed: false });
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);

    // Albania suggests; Serbia may neither remove Albania's words nor accept them; Albania may not accept its own.
    const own = new HeadlessEditor(server, albania);
    expect(send(own.change(HeadlessEditor.typeAt(at, at, " closely")), albania).isAllowed).toBe(true);
    const intruder = new HeadlessEditor(server, serbia);
    const start = intruder.find(" closely", "start");
    expect(send(intruder.change((state) => state.tr.delete(start, start + 8), "editing"), serbia)).toMatchObject({ isAllowed: false });
    const acceptor = new HeadlessEditor(server, serbia);
    const acceptance = acceptor.editorState.tr;
    applySuggestionOutcomes(acceptance, new Map(findSuggestions(acceptor.editorState.doc).map((suggestion) => [suggestion.id, "accept" as const])));
    expect(send(acceptor.apply(acceptance), serbia)).toMatchObject({ isAllowed: false });
    const selfAcceptor = new HeadlessEditor(server, albania);
    const selfAcceptance = selfAcceptor.editorState.tr;
    applySuggestionOutcomes(selfAcceptance, new Map(findSuggestions(selfAcceptor.editorState.doc).map((suggestion) => [suggestion.id, "accept" as const])));
    expect(send(selfAcceptor.apply(selfAcceptance), albania)).toMatchObject({ isAllowed: false });
    // Serbia suggesting to delete Albania's suggested words is a suggestion of its own, so it is allowed.
    const counter = new HeadlessEditor(server, serbia);
    const counterStart = counter.find(" closely", "start");
    expect(send(counter.change((state) => state.tr.delete(counterStart, counterStart + 8)), serbia).isAllowed).toBe(true);
    expect(text()).toContain("cooperate closely on trust");
  });

  it("refuses hand-made updates: formatting, styles, an empty paragraph, anything outside the body", () => {
    const { server, send } = setup();
    const attempt = (change: (this: { body: Y.XmlFragment }) => void) => handMadeUpdate(server, (body) => change.call({ body }));
    const own = { id: "x1", authorId: albania.id, authorName: albania.name, organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" };
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          ((this.body.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { bold: {} });
        }),
        albania,
      ),
    ).toMatchObject({ isAllowed: false });
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          (this.body.get(1) as Y.XmlElement).setAttribute("numbered", false as unknown as string);
        }),
        albania,
      ),
    ).toMatchObject({ isAllowed: false });
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          this.body.insert(1, [new Y.XmlElement("paragraph")]);
        }),
        albania,
      ),
    ).toMatchObject({ isAllowed: false });
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          (this.body.doc as Y.Doc).getMap("elsewhere").set("x", 1);
        }),
        albania,
      ),
    ).toMatchObject({ isAllowed: false });
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          this.body.delete(2, 1);
        }),
        albania,
      ),
    ).toMatchObject({ isAllowed: false });
    // Raw, but right: own insertion with every attribute.
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          ((this.body.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(4, "two ", { suggestionInsert: own });
        }),
        albania,
      ),
    ).toEqual({ isAllowed: true });
    // A comment anchor on anyone's text is not a change of the text.
    expect(
      send(
        attempt(function (this: { body: Y.XmlFragment }) {
          ((this.body.get(2) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { "comment--abcdefgh": { threadId: "t1" } });
        }),
        albania,
      ),
    ).toEqual({ isAllowed: true });
  });

  describe("block suggestions (a paragraph's style, list or join)", () => {
    const paragraphAt = (editor: HeadlessEditor, text: string) => editor.editorState.doc.resolve(editor.find(text, "start")).before();
    const decideAll = (server: Y.Doc, outcome: "accept" | "reject") => {
      const pen = new HeadlessEditor(server, secretariat);
      const transaction = pen.editorState.tr;
      applySuggestionOutcomes(transaction, new Map(findSuggestions(pen.editorState.doc).map((suggestion) => [suggestion.id, outcome])));
      Y.applyUpdate(server, pen.apply(transaction));
    };
    const digest = (server: Y.Doc) => versionTextsFromJson(jsonFromYDoc(server)).digest;

    it("turns a style change into Albania's suggestion that leaves the text and its digest as they were, and accepting applies it", () => {
      const { server, send, text } = setup();
      const before = { text: text(), digest: digest(server) };
      const editor = new HeadlessEditor(server, albania);
      const position = paragraphAt(editor, "The Participants");
      const heading = documentSchema().nodes.heading!;
      expect(send(editor.change((state) => state.tr.setBlockType(position + 1, position + 1, heading, { level: 2, article: true })), albania)).toEqual({ isAllowed: true });

      const [suggestion] = findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
      expect(suggestion).toMatchObject({ organisationCode: "AL", authorId: "user-al", inserted: "", deleted: "", change: "Article heading: ‘The Participants shall cooperate on trust services.’" });
      expect(jsonFromYDoc(server).content![1]!.type).toBe("paragraph");
      expect(text()).toBe(before.text);
      expect(digest(server)).toBe(before.digest);

      decideAll(server, "accept");
      const accepted = jsonFromYDoc(server).content![1]!;
      expect(accepted).toMatchObject({ type: "heading", attrs: { level: 2, article: true } });
      expect(accepted.attrs).not.toHaveProperty("blockSuggestion");
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toEqual([]);
    });

    it("restyles a paragraph Albania suggested with Enter directly (it is wholly her suggestion); the server allows it, and rejecting removes the heading", () => {
      const { server, send } = setup();
      const original = jsonFromYDoc(server);
      const editor = new HeadlessEditor(server, albania);
      const end = editor.find("contact point.");
      expect(send(editor.change((state) => state.tr.split(end)), albania)).toEqual({ isAllowed: true });
      // The new paragraph holds only its placeholder; words typed there go before it.
      const start = end + 2;
      expect(send(editor.change(HeadlessEditor.typeAt(start, start, "Purpose")), albania)).toEqual({ isAllowed: true });
      const heading = documentSchema().nodes.heading!;
      expect(send(editor.change((state) => state.tr.setBlockType(start, start, heading, { level: 2 })), albania)).toEqual({ isAllowed: true });
      expect(jsonFromYDoc(server).content![3]).toMatchObject({ type: "heading", attrs: { level: 2 } });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server))).every((suggestion) => suggestion.blocks.length === 0)).toBe(true);
      // Restyling a paragraph that is not wholly hers is still a suggestion.
      const existing = paragraphAt(editor, "Each Participant");
      expect(send(editor.change((state) => state.tr.setBlockType(existing + 1, existing + 1, heading, { level: 2 })), albania)).toEqual({ isAllowed: true });
      expect(jsonFromYDoc(server).content![2]!.type).toBe("paragraph");

      decideAll(server, "reject");
      expect(jsonFromYDoc(server)).toEqual(original);
    });

    it("takes back a paragraph Albania just suggested with Enter when Backspace empties it; the server allows it and the text is as it was", () => {
      const { server, send } = setup();
      const original = jsonFromYDoc(server);
      const editor = new HeadlessEditor(server, albania);
      const end = editor.find("contact point.");
      expect(send(editor.change((state) => state.tr.split(end)), albania)).toEqual({ isAllowed: true });
      // Backspace after the new paragraph's placeholder.
      const placeholderEnd = end + 3;
      expect(send(editor.change((state) => state.tr.delete(placeholderEnd - 1, placeholderEnd)), albania)).toEqual({ isAllowed: true });
      expect(jsonFromYDoc(server)).toEqual(original);
    });

    it("suggests wrapping in a list and lifting out of it; rejecting leaves the paragraph as it was", () => {
      const { server, send } = setup();
      const editor = new HeadlessEditor(server, albania);
      const position = paragraphAt(editor, "Each Participant");
      const wrap = (state: EditorState) => {
        let built: Transaction | null = null;
        wrapInList(documentSchema().nodes.bulletList!)(EditorState.create({ doc: state.doc, selection: TextSelection.create(state.doc, position + 1) }), (transaction) => (built = transaction));
        return state.tr.setSelection(TextSelection.create(state.doc, position + 1)).step(built!.steps[0]!);
      };
      expect(send(editor.change(wrap), albania)).toEqual({ isAllowed: true });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]!.change).toBe("Bulleted list: ‘Each Participant designates a contact point.’");
      decideAll(server, "reject");
      expect(jsonFromYDoc(server)).toEqual(jsonFromYDoc(yDocFrom(negotiationText())));

      expect(send(new HeadlessEditor(server, albania).change(wrap), albania)).toEqual({ isAllowed: true });
      decideAll(server, "accept");
      expect(jsonFromYDoc(server).content![2]).toMatchObject({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] });
      // Now in a list, Serbia suggests taking it out again; accepting lifts it.
      const lifter = new HeadlessEditor(server, serbia);
      const inList = paragraphAt(lifter, "Each Participant");
      expect(send(lifter.change((state) => state.tr.lift(state.doc.resolve(inList + 1).blockRange()!, 0)), serbia)).toEqual({ isAllowed: true });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]).toMatchObject({ organisationCode: "RS", change: "Out of the list: ‘Each Participant designates a contact point.’" });
      decideAll(server, "accept");
      expect(jsonFromYDoc(server).content![2]).toMatchObject({ type: "paragraph", content: [{ text: "Each Participant designates a contact point." }] });
    });

    it("accepting a suggestion to put two paragraphs in a numbered list makes one list of two items", () => {
      const { server, send } = setup();
      const editor = new HeadlessEditor(server, albania);
      const first = paragraphAt(editor, "The Participants");
      const last = paragraphAt(editor, "Each Participant");
      const wrapBoth = (state: EditorState) => {
        let built: Transaction | null = null;
        const selection = TextSelection.create(state.doc, first + 1, last + 3);
        wrapInList(documentSchema().nodes.orderedList!)(EditorState.create({ doc: state.doc, selection }), (transaction) => (built = transaction));
        return state.tr.setSelection(selection).step(built!.steps[0]!);
      };
      expect(send(editor.change(wrapBoth), albania)).toEqual({ isAllowed: true });
      const [suggestion] = findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
      expect(suggestion!.blocks).toHaveLength(2);
      decideAll(server, "accept");
      const lists = jsonFromYDoc(server).content!.filter((block) => block.type === "orderedList");
      expect(lists).toHaveLength(1);
      expect(lists[0]!.content).toHaveLength(2);
    });

    it("turns joining two paragraphs (Backspace at the start of one) into a suggestion: accepting joins, rejecting keeps both", () => {
      const { server, send, text } = setup();
      const original = text();
      const editor = new HeadlessEditor(server, albania);
      const boundary = paragraphAt(editor, "Each Participant");
      expect(send(editor.change((state) => state.tr.join(boundary)), albania)).toEqual({ isAllowed: true });
      expect(text()).toBe(original);
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]!.change).toBe("Join with the previous paragraph: ‘Each Participant designates a contact point.’");
      decideAll(server, "reject");
      expect(jsonFromYDoc(server)).toEqual(jsonFromYDoc(yDocFrom(negotiationText())));

      // A selection across the boundary: the words are suggested for deletion and the paragraphs for joining, as one suggestion.
      const again = new HeadlessEditor(server, albania);
      const from = again.find("services", "start");
      const to = again.find("Each ");
      expect(send(again.change((state) => state.tr.delete(from, to)), albania)).toEqual({ isAllowed: true });
      const [selection] = findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
      expect(selection).toMatchObject({ deleted: "services.Each ", change: "Join with the previous paragraph: ‘Each Participant designates a contact point.’" });
      decideAll(server, "accept");
      expect(text()).toBe("Scope\n\nThe Participants shall cooperate on trust Participant designates a contact point.");
    });

    it("leaves one's block suggestion alone when a change inside the paragraph (a note's new wording) is not about its form", () => {
      const text = negotiationText();
      text.content![1]!.content!.push({ type: "note", attrs: { text: "See Annex I." } });
      const server = yDocFrom(text);
      const editor = new HeadlessEditor(server, albania);
      const position = paragraphAt(editor, "The Participants");
      Y.applyUpdate(server, editor.change((state) => state.tr.setBlockType(position + 1, position + 1, documentSchema().nodes.heading!, { level: 2, article: false })));
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toHaveLength(1);
      let notePosition = -1;
      editor.editorState.doc.descendants((node, at) => {
        if (node.type.name === "note") notePosition = at;
      });
      // The note's new wording is a suggestion of its own, and the heading suggestion stays as it was.
      const [heading] = findSuggestions(editor.editorState.doc);
      Y.applyUpdate(server, editor.change((state) => state.tr.setNodeAttribute(notePosition, "text", "See Annex II.")));
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server))).map(({ id, change }) => ({ id, change }))).toEqual([
        { id: heading!.id, change: heading!.change },
        { id: "s-AL-2", change: "Note: ‘See Annex I.’ → ‘See Annex II.’" },
      ]);
    });

    it("refuses a block suggestion forged for another economy, and removing or replacing someone else's; allows withdrawing one's own", () => {
      const { server, send } = setup();
      const attempt = (change: (body: Y.XmlFragment) => void) => handMadeUpdate(server, change);
      const proposal = { kind: "form" as const, from: { type: "paragraph" as const, level: null, article: false, numbered: true, list: null }, to: { type: "heading" as const, level: 2, article: true, numbered: false, list: null } };
      const by = (person: Suggester, id: string) => encodeBlockSuggestion({ id, authorId: person.id, authorName: person.name, organisationCode: person.organisationCode, createdAt: "2026-05-14T10:00:00.000Z" }, proposal);
      const setOn = (index: number, value: string) => (body: Y.XmlFragment) => (body.get(index) as Y.XmlElement).setAttribute(BLOCK_SUGGESTION, value);
      const removeOn = (index: number) => (body: Y.XmlFragment) => (body.get(index) as Y.XmlElement).removeAttribute(BLOCK_SUGGESTION);

      const before = Y.encodeStateAsUpdate(server);
      expect(send(attempt(setOn(1, by({ ...albania, organisationCode: "RS" }, "forged-economy"))), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt(setOn(1, by(serbia, "forged-person"))), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt(setOn(1, "{not json")), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt(setOn(1, JSON.stringify({ ...JSON.parse(by(albania, "odd")), proposal: { kind: "rename" } }))), albania)).toMatchObject({ isAllowed: false });
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);

      expect(send(attempt(setOn(1, by(serbia, "rs-1"))), serbia)).toEqual({ isAllowed: true });
      expect(send(attempt(removeOn(1)), albania)).toMatchObject({ isAllowed: false, reason: expect.stringContaining("someone else's") });
      expect(send(attempt(setOn(1, by(albania, "al-1"))), albania)).toMatchObject({ isAllowed: false });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server))).map((suggestion) => suggestion.id)).toEqual(["rs-1"]);

      expect(send(attempt(setOn(2, by(albania, "al-2"))), albania)).toEqual({ isAllowed: true });
      expect(send(attempt(setOn(2, by(albania, "al-3"))), albania)).toEqual({ isAllowed: true });
      expect(send(attempt(removeOn(2)), albania)).toEqual({ isAllowed: true });
      // The block suggestion never carries a style change with it.
      expect(send(attempt((body) => { setOn(2, by(albania, "al-4"))(body); (body.get(2) as Y.XmlElement).setAttribute("numbered", false as unknown as string); }), albania)).toMatchObject({ isAllowed: false });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server))).map((suggestion) => suggestion.id)).toEqual(["rs-1"]);
    });
  });

  describe("formatting suggestions (bold, italic, underline)", () => {
    const marksOn = (server: Y.Doc, word: string) => {
      const names: string[] = [];
      documentSchema().nodeFromJSON(jsonFromYDoc(server)).descendants((node) => {
        if (node.isText && node.text!.includes(word)) names.push(...node.marks.map((mark) => mark.type.name));
        return true;
      });
      return names.sort();
    };

    it("turns making words bold into Albania's suggestion; the digest stays; accepting makes them bold, rejecting leaves them as they were", () => {
      const { server, send } = setup();
      const digestBefore = versionTextsFromJson(jsonFromYDoc(server)).digest;
      const editor = new HeadlessEditor(server, albania);
      const from = editor.find("cooperate", "start");
      const bold = documentSchema().marks.bold!.create();
      expect(send(editor.change((state) => state.tr.addMark(from, from + "cooperate".length, bold)), albania)).toEqual({ isAllowed: true });
      expect(marksOn(server, "cooperate")).toEqual(["suggestionFormat"]);
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]).toMatchObject({ organisationCode: "AL", change: "Bold: ‘cooperate’" });
      expect(versionTextsFromJson(jsonFromYDoc(server)).digest).toBe(digestBefore);

      // Asking for italic on the same words adds to the proposal; asking for bold again (a second press) takes that part back.
      const italic = documentSchema().marks.italic!.create();
      expect(send(editor.change((state) => state.tr.addMark(from, from + "cooperate".length, italic)), albania)).toEqual({ isAllowed: true });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]!.change).toBe("Bold, italic: ‘cooperate’");
      expect(send(editor.change((state) => state.tr.addMark(from, from + "cooperate".length, bold)), albania)).toEqual({ isAllowed: true });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]!.change).toBe("Italic: ‘cooperate’");

      const pen = new HeadlessEditor(server, secretariat);
      const transaction = pen.editorState.tr;
      applySuggestionOutcomes(transaction, new Map(findSuggestions(pen.editorState.doc).map((suggestion) => [suggestion.id, "accept" as const])));
      Y.applyUpdate(server, pen.apply(transaction));
      expect(marksOn(server, "cooperate")).toEqual(["italic"]);

      const again = new HeadlessEditor(server, albania);
      const underline = documentSchema().marks.underline!.create();
      const start = again.find("contact point", "start");
      expect(send(again.change((state) => state.tr.addMark(start, start + "contact point".length, underline)), albania)).toEqual({ isAllowed: true });
      const rejecting = new HeadlessEditor(server, secretariat);
      const rejection = rejecting.editorState.tr;
      applySuggestionOutcomes(rejection, new Map(findSuggestions(rejecting.editorState.doc).map((suggestion) => [suggestion.id, "reject" as const])));
      Y.applyUpdate(server, rejecting.apply(rejection));
      expect(marksOn(server, "contact point")).toEqual([]);
    });

    it("refuses a formatting suggestion forged for another economy, one with made-up formats, and removing someone else's", () => {
      const { server, send } = setup();
      const attempt = (change: (text: Y.XmlText) => void) => handMadeUpdate(server, (body) => change((body.get(1) as Y.XmlElement).get(0) as Y.XmlText));
      const by = (person: Suggester, id: string, add = "bold") => ({ id, authorId: person.id, authorName: person.name, organisationCode: person.organisationCode, createdAt: "2026-05-14T10:00:00.000Z", add, remove: "" });
      const before = Y.encodeStateAsUpdate(server);
      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: by({ ...albania, organisationCode: "RS" }, "forged") })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: by(albania, "odd", "blink") })), albania)).toMatchObject({ isAllowed: false });
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);

      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: by(serbia, "rs-format") })), serbia)).toEqual({ isAllowed: true });
      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: null })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: by(albania, "al-format") })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((text) => text.format(4, 12, { suggestionFormat: null })), serbia)).toEqual({ isAllowed: true });
    });
  });

  describe("notes suggested into and out of the text", () => {
    const withNote = () => {
      const text = negotiationText();
      text.content![2]!.content!.push({ type: "note", attrs: { text: "See Annex I." } });
      return text;
    };
    const setupWithNote = () => {
      const server = yDocFrom(withNote());
      const replica = new SuggestionReplica(server);
      const send = (update: Uint8Array, from: Suggester) => {
        const verdict = replica.check(update, from);
        if (verdict.isAllowed) Y.applyUpdate(server, update);
        return verdict;
      };
      const decideAll = (outcome: "accept" | "reject") => {
        const pen = new HeadlessEditor(server, secretariat);
        const transaction = pen.editorState.tr;
        applySuggestionOutcomes(transaction, new Map(findSuggestions(pen.editorState.doc).map((suggestion) => [suggestion.id, outcome])));
        Y.applyUpdate(server, pen.apply(transaction));
      };
      const notes = () => {
        const found: { text: string; suggestion: unknown }[] = [];
        documentSchema().nodeFromJSON(jsonFromYDoc(server)).descendants((node) => {
          if (node.type.name === "note") found.push({ text: String(node.attrs.text), suggestion: node.attrs.noteSuggestion });
          return true;
        });
        return found;
      };
      return { server, send, decideAll, notes };
    };
    const notePosition = (editor: HeadlessEditor, wording: string) => {
      let found = -1;
      editor.editorState.doc.descendants((node, position) => {
        if (node.type.name === "note" && node.attrs.text === wording) found = position;
        return found < 0;
      });
      return found;
    };

    it("inserting a note is Albania's suggestion, whose wording Albania writes; the digest stays; accepting keeps the note", () => {
      const { server, send, decideAll, notes } = setupWithNote();
      const digestBefore = versionTextsFromJson(jsonFromYDoc(server)).digest;
      const editor = new HeadlessEditor(server, albania);
      const at = editor.find("cooperate");
      const note = documentSchema().nodes.note!.create({ text: "" });
      expect(send(editor.change((state) => state.tr.insert(at, note)), albania)).toEqual({ isAllowed: true });
      expect(send(editor.change((state) => state.tr.setNodeAttribute(notePosition(editor, ""), "text", "As in the 2023 Declaration.")), albania)).toEqual({ isAllowed: true });
      const [suggestion] = findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
      expect(suggestion).toMatchObject({ organisationCode: "AL", inserted: " [Note: As in the 2023 Declaration.]", deleted: "" });
      expect(versionTextsFromJson(jsonFromYDoc(server)).digest).toBe(digestBefore);
      // Serbia may not reword Albania's suggested note, nor Albania reword a note of the text.
      const serbian = new HeadlessEditor(server, serbia);
      expect(send(serbian.change((state) => state.tr.setNodeAttribute(notePosition(serbian, "As in the 2023 Declaration."), "text", "Changed."), "editing"), serbia)).toMatchObject({ isAllowed: false });
      const direct = new HeadlessEditor(server, albania);
      expect(send(direct.change((state) => state.tr.setNodeAttribute(notePosition(direct, "See Annex I."), "text", "Changed."), "editing"), albania)).toMatchObject({ isAllowed: false });
      // Albania may not accept its own note.
      const self = new HeadlessEditor(server, albania);
      const acceptance = self.editorState.tr;
      applySuggestionOutcomes(acceptance, new Map([[suggestion!.id, "accept" as const]]));
      expect(send(self.apply(acceptance), albania)).toMatchObject({ isAllowed: false });

      decideAll("accept");
      expect(notes()).toEqual([
        { text: "As in the 2023 Declaration.", suggestion: null },
        { text: "See Annex I.", suggestion: null },
      ]);
      // Notes without a suggestion have the canonical JSON they had before notes could carry one.
      expect(versionTextsFromJson(jsonFromYDoc(server)).contentWithSuggestions).not.toContain("noteSuggestion");
    });

    it("deleting a note is a suggestion: rejecting keeps it, accepting removes it; someone else's suggested deletion cannot be removed", () => {
      const { server, send, decideAll, notes } = setupWithNote();
      const editor = new HeadlessEditor(server, serbia);
      const position = notePosition(editor, "See Annex I.");
      expect(send(editor.change((state) => state.tr.delete(position, position + 1)), serbia)).toEqual({ isAllowed: true });
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))[0]).toMatchObject({ organisationCode: "RS", deleted: " [Note: See Annex I.]" });
      expect(notes()).toHaveLength(1);

      const attempt = (change: (note: Y.XmlElement) => void) => handMadeUpdate(server, (body) => change((body.get(2) as Y.XmlElement).get(1) as Y.XmlElement));
      expect(send(attempt((note) => note.removeAttribute(NOTE_SUGGESTION)), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((note) => note.setAttribute(NOTE_SUGGESTION, encodeNoteSuggestion({ id: "x", authorId: albania.id, authorName: albania.name, organisationCode: "RS", createdAt: "2026-05-14T10:00:00.000Z" }, "delete"))), albania)).toMatchObject({ isAllowed: false });

      decideAll("reject");
      expect(notes()).toEqual([{ text: "See Annex I.", suggestion: null }]);
      const again = new HeadlessEditor(server, serbia);
      const at = notePosition(again, "See Annex I.");
      expect(send(again.change((state) => state.tr.delete(at, at + 1)), serbia)).toEqual({ isAllowed: true });
      decideAll("accept");
      expect(notes()).toEqual([]);
    });

    it("proposing new wording for a note of the text is Albania's suggestion; the note's wording and the digest stay; accepting rewords it, rejecting leaves it", () => {
      const { server, send, decideAll, notes } = setupWithNote();
      const digestBefore = versionTextsFromJson(jsonFromYDoc(server)).digest;
      const editor = new HeadlessEditor(server, albania);
      expect(send(editor.change((state) => state.tr.setNodeAttribute(notePosition(editor, "See Annex I."), "text", "See Annex II.")), albania)).toEqual({ isAllowed: true });
      // Rewording again replaces Albania's proposal.
      expect(send(editor.change((state) => state.tr.setNodeAttribute(notePosition(editor, "See Annex I."), "text", "See Annexes II and III.")), albania)).toEqual({ isAllowed: true });
      expect(notes()).toEqual([{ text: "See Annex I.", suggestion: encodeNoteRewording({ id: "s-AL-1", authorId: albania.id, authorName: albania.name, organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" }, "See Annexes II and III.") }]);
      expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toMatchObject([{ organisationCode: "AL", inserted: "", deleted: "", change: "Note: ‘See Annex I.’ → ‘See Annexes II and III.’", article: "Article 1 — Scope" }]);
      expect(versionTextsFromJson(jsonFromYDoc(server)).digest).toBe(digestBefore);
      // Serbia's editor leaves a note with Albania's proposal alone; Albania may not accept its own.
      const serbian = new HeadlessEditor(server, serbia);
      expect(serbian.change((state) => state.tr.setNodeAttribute(notePosition(serbian, "See Annex I."), "text", "See Annex IV."))).toEqual(new Uint8Array([0, 0]));
      const self = new HeadlessEditor(server, albania);
      const acceptance = self.editorState.tr;
      applySuggestionOutcomes(acceptance, new Map(findSuggestions(self.editorState.doc).map((suggestion) => [suggestion.id, "accept" as const])));
      expect(send(self.apply(acceptance), albania)).toMatchObject({ isAllowed: false });

      decideAll("reject");
      expect(notes()).toEqual([{ text: "See Annex I.", suggestion: null }]);
      const again = new HeadlessEditor(server, serbia);
      expect(send(again.change((state) => state.tr.setNodeAttribute(notePosition(again, "See Annex I."), "text", "See Annex IV.")), serbia)).toEqual({ isAllowed: true });
      decideAll("accept");
      expect(notes()).toEqual([{ text: "See Annex IV.", suggestion: null }]);
      expect(versionTextsFromJson(jsonFromYDoc(server)).contentWithSuggestions).not.toContain("noteSuggestion");
    });

    it("refuses new wording forged for another economy, a note's wording changed with it, and replacing or removing someone else's; allows changing and withdrawing one's own", () => {
      const { server, send } = setupWithNote();
      const serbian = new HeadlessEditor(server, serbia);
      expect(send(serbian.change((state) => state.tr.setNodeAttribute(notePosition(serbian, "See Annex I."), "text", "See Annex II.")), serbia)).toEqual({ isAllowed: true });
      const onNote = (change: (note: Y.XmlElement) => void) => handMadeUpdate(server, (body) => change((body.get(2) as Y.XmlElement).get(1) as Y.XmlElement));
      const albanian = (id: string) => ({ id, authorId: albania.id, authorName: albania.name, organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" });
      // Serbia's proposal is Serbia's: not replaced, removed (accepted or rejected) or carried out by Albania.
      for (const change of [
        (note: Y.XmlElement) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording(albanian("al-over"), "See Annex III.")),
        (note: Y.XmlElement) => note.removeAttribute(NOTE_SUGGESTION),
        (note: Y.XmlElement) => note.setAttribute("text", "See Annex II."),
      ]) {
        expect(send(onNote(change), albania)).toMatchObject({ isAllowed: false });
      }
      expect(send(onNote((note) => note.removeAttribute(NOTE_SUGGESTION)), serbia)).toEqual({ isAllowed: true });
      // On a note nobody suggests anything on: only in Albania's own name and economy, the note's wording untouched, of a length the attribute keeps.
      for (const change of [
        (note: Y.XmlElement) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording({ ...albanian("forged"), organisationCode: "RS" }, "See Annex VI.")),
        (note: Y.XmlElement) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording({ ...albanian("forged"), authorId: serbia.id, authorName: serbia.name, organisationCode: "RS" }, "See Annex VI.")),
        (note: Y.XmlElement) => {
          note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording(albanian("al-both"), "See Annex VI."));
          note.setAttribute("text", "See Annex VI.");
        },
        (note: Y.XmlElement) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording(albanian("al-long"), "x".repeat(10_001))),
      ]) {
        expect(send(onNote(change), albania)).toMatchObject({ isAllowed: false });
      }
      const suggestions = () => findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server))).map(({ id, change }) => ({ id, change }));
      expect(suggestions()).toEqual([]);
      expect(send(onNote((note) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording(albanian("al-own"), "See Annex VI."))), albania)).toEqual({ isAllowed: true });
      expect(send(onNote((note) => note.setAttribute(NOTE_SUGGESTION, encodeNoteRewording(albanian("al-own"), "See Annex VII."))), albania)).toEqual({ isAllowed: true });
      expect(suggestions()).toEqual([{ id: "al-own", change: "Note: ‘See Annex I.’ → ‘See Annex VII.’" }]);
      expect(send(onNote((note) => note.removeAttribute(NOTE_SUGGESTION)), albania)).toEqual({ isAllowed: true });
      expect(suggestions()).toEqual([]);
    });
  });

  /** The server and a way to send to it, over a given text. */
  const setupWith = (json: ProseMirrorJson) => {
    const server = yDocFrom(json);
    const replica = new SuggestionReplica(server);
    const send = (update: Uint8Array, from: Suggester) => {
      const verdict = replica.check(update, from);
      if (verdict.isAllowed) Y.applyUpdate(server, update);
      return verdict;
    };
    const decide = (outcome: "accept" | "reject", only?: (change: string) => boolean) => {
      const pen = new HeadlessEditor(server, secretariat);
      const transaction = pen.editorState.tr;
      const chosen = findSuggestions(pen.editorState.doc).filter((suggestion) => !only || only(suggestion.change));
      applySuggestionOutcomes(transaction, new Map(chosen.map((suggestion) => [suggestion.id, outcome])));
      Y.applyUpdate(server, pen.apply(transaction));
    };
    const suggestions = () => findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)));
    const digest = () => versionTextsFromJson(jsonFromYDoc(server)).digest;
    const attempt = (change: (body: Y.XmlFragment) => void) => handMadeUpdate(server, change);
    return { server, send, decide, suggestions, digest, attempt };
  };
  const by = (person: Suggester, id: string) => ({ id, authorId: person.id, authorName: person.name, organisationCode: person.organisationCode, createdAt: "2026-05-14T10:00:00.000Z" });

  describe("pasted lists and tables", () => {
    const schema = documentSchema();
    const item = (text: string) => schema.node("listItem", null, [schema.node("paragraph", null, [schema.text(text)])]);
    /** What pasting an HTML list gives ProseMirror: the list opened down to its paragraphs. */
    const pastedList = (type: "bulletList" | "orderedList", ...texts: string[]) => Slice.maxOpen(Fragment.from(schema.node(type, type === "orderedList" ? { start: 1 } : null, texts.map(item))));
    const pastedTable = () => {
      const cell = (text: string) => schema.node("tableCell", null, [schema.node("paragraph", null, text ? [schema.text(text)] : [])]);
      return Slice.maxOpen(Fragment.from(schema.node("table", null, [schema.node("tableRow", null, [cell("Albania"), cell("")])])));
    };
    const blocks = (server: Y.Doc) => (jsonFromYDoc(server).content ?? []).map((block) => block.type);

    it("a pasted list becomes a new list of Albania's suggested items; the digest stays; accepting keeps it, rejecting removes it whole", () => {
      const { server, send, decide, suggestions, digest } = setupWith(negotiationText());
      const original = jsonFromYDoc(server);
      const digestBefore = digest();
      const paste = () => {
        const editor = new HeadlessEditor(server, albania);
        const end = editor.find("contact point.");
        return send(editor.paste(end, end, pastedList("bulletList", "Registries", "Trusted lists")), albania);
      };
      expect(paste()).toEqual({ isAllowed: true });
      expect(blocks(server)).toEqual(["heading", "paragraph", "paragraph", "bulletList"]);
      const list = jsonFromYDoc(server).content!.at(-1)!;
      expect(list.content!.map((listItem) => listItem.content![0]!.content![0]!.marks![0]!.type)).toEqual(["suggestionInsert", "suggestionInsert"]);
      expect(suggestions()).toMatchObject([{ organisationCode: "AL", authorId: albania.id, inserted: "Registries\nTrusted lists" }]);
      expect(digest()).toBe(digestBefore);
      decide("reject");
      expect(jsonFromYDoc(server)).toEqual(original);

      expect(paste()).toEqual({ isAllowed: true });
      decide("accept");
      expect(blocks(server)).toEqual(["heading", "paragraph", "paragraph", "bulletList"]);
      expect(plainTextFromJson(jsonFromYDoc(server))).toContain("Registries");
      expect(suggestions()).toEqual([]);
    });

    it("a list pasted in the middle of a paragraph goes after it, the rest of the paragraph after the list; rejecting restores the paragraph", () => {
      const { server, send, decide } = setupWith(negotiationText());
      const text = () => plainTextFromJson(jsonFromYDoc(server));
      const original = text();
      const editor = new HeadlessEditor(server, albania);
      const at = editor.find("shall cooperate");
      expect(send(editor.paste(at, at, pastedList("orderedList", "first", "second")), albania)).toEqual({ isAllowed: true });
      expect(blocks(server)).toEqual(["heading", "paragraph", "orderedList", "paragraph", "paragraph"]);
      expect(text()).toContain("The Participants shall cooperate on trust services.");
      decide("reject");
      expect(text()).toBe(original);
    });

    it("a pasted table becomes Albania's suggested new table, and the server refuses a pasted list or table in someone else's name", () => {
      const { server, send, decide, suggestions, attempt } = setupWith(negotiationText());
      const editor = new HeadlessEditor(server, albania);
      const end = editor.find("contact point.");
      expect(send(editor.paste(end, end, pastedTable()), albania)).toEqual({ isAllowed: true });
      expect(blocks(server)).toEqual(["heading", "paragraph", "paragraph", "table"]);
      expect(suggestions().map((suggestion) => suggestion.change || suggestion.inserted)).toEqual(["New table: ‘Albania | ’"]);
      decide("accept");
      expect(suggestions()).toEqual([]);
      expect(blocks(server)).toEqual(["heading", "paragraph", "paragraph", "table"]);

      // A list whose words are Serbia's, or not suggestions at all, sent by Albania.
      const list = (marks: Record<string, unknown> | null) => (body: Y.XmlFragment) => {
        const element = new Y.XmlElement("bulletList");
        const listItem = new Y.XmlElement("listItem");
        const paragraph = new Y.XmlElement("paragraph");
        const words = new Y.XmlText();
        words.insert(0, "Registries", marks ?? undefined);
        paragraph.insert(0, [words]);
        listItem.insert(0, [paragraph]);
        element.insert(0, [listItem]);
        body.insert(body.length, [element]);
      };
      expect(send(attempt(list(null)), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt(list({ suggestionInsert: by(serbia, "forged") })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt(list({ suggestionInsert: by(albania, "own") })), albania)).toEqual({ isAllowed: true });
      // The pasted table sent without its suggestion is a direct edit.
      const direct = new HeadlessEditor(server, albania);
      const last = direct.find("contact point.");
      expect(send(direct.change((state) => state.tr.replace(last, last, pastedTable()), "editing"), albania)).toMatchObject({ isAllowed: false });
    });
  });

  describe("link suggestions", () => {
    const linksOn = (server: Y.Doc, word: string) => {
      const hrefs: string[] = [];
      documentSchema().nodeFromJSON(jsonFromYDoc(server)).descendants((node) => {
        if (node.isText && node.text!.includes(word)) hrefs.push(...node.marks.filter((mark) => mark.type.name === "link").map((mark) => String(mark.attrs.href)));
        return true;
      });
      return hrefs;
    };
    const link = (href: string) => documentSchema().marks.link!.create({ href });

    it("adding a link is Albania's formatting suggestion; the digest stays; accepting links the words, rejecting leaves them as they were", () => {
      const { server, send, decide, suggestions, digest } = setupWith(negotiationText());
      const digestBefore = digest();
      const editor = new HeadlessEditor(server, albania);
      const from = editor.find("trust services", "start");
      expect(send(editor.change((state) => state.tr.addMark(from, from + "trust services".length, link("https://eidas.example.org/"))), albania)).toEqual({ isAllowed: true });
      expect(linksOn(server, "trust services")).toEqual([]);
      expect(suggestions()).toMatchObject([{ organisationCode: "AL", authorId: albania.id, change: "Link to https://eidas.example.org/: ‘trust services’" }]);
      expect(digest()).toBe(digestBefore);
      decide("reject");
      expect(linksOn(server, "trust services")).toEqual([]);
      expect(suggestions()).toEqual([]);

      const again = new HeadlessEditor(server, albania);
      expect(send(again.change((state) => state.tr.addMark(from, from + "trust services".length, link("https://eidas.example.org/"))), albania)).toEqual({ isAllowed: true });
      decide("accept");
      expect(linksOn(server, "trust services")).toEqual(["https://eidas.example.org/"]);
      expect(suggestions()).toEqual([]);
    });

    it("changing or removing an existing link is a suggestion too: accepting replaces or removes the link", () => {
      const text = negotiationText();
      text.content![1]!.content = [
        { type: "text", text: "The Participants shall cooperate on " },
        { type: "text", text: "trust services", marks: [{ type: "link", attrs: { href: "https://old.example.org/" } }] },
        { type: "text", text: "." },
      ];
      const { server, send, decide, suggestions } = setupWith(text);
      const editor = new HeadlessEditor(server, serbia);
      const from = editor.find("trust services", "start");
      const to = from + "trust services".length;
      expect(send(editor.change((state) => state.tr.addMark(from, to, link("https://new.example.org/"))), serbia)).toEqual({ isAllowed: true });
      expect(suggestions()).toMatchObject([{ organisationCode: "RS", change: "Link to https://new.example.org/: ‘trust services’" }]);
      expect(linksOn(server, "trust services")).toEqual(["https://old.example.org/"]);
      decide("accept");
      expect(linksOn(server, "trust services")).toEqual(["https://new.example.org/"]);

      const remover = new HeadlessEditor(server, serbia);
      expect(send(remover.change((state) => state.tr.removeMark(from, to, documentSchema().marks.link!)), serbia)).toEqual({ isAllowed: true });
      expect(suggestions()).toMatchObject([{ change: "No link: ‘trust services’" }]);
      decide("accept");
      expect(linksOn(server, "trust services")).toEqual([]);
    });

    it("refuses a direct link change, a forged or unsafe link suggestion, and removing someone else's", () => {
      const { server, send, attempt } = setupWith(negotiationText());
      const before = Y.encodeStateAsUpdate(server);
      const direct = new HeadlessEditor(server, albania);
      const from = direct.find("trust services", "start");
      expect(send(direct.change((state) => state.tr.addMark(from, from + 5, link("https://eidas.example.org/")), "editing"), albania)).toMatchObject({ isAllowed: false });
      const firstText = (body: Y.XmlFragment) => (body.get(1) as Y.XmlElement).get(0) as Y.XmlText;
      const linkSuggestion = (person: Suggester, id: string, href: string) => ({ ...by(person, id), add: "link", remove: "", href });
      expect(send(attempt((body) => firstText(body).format(4, 12, { link: { href: "https://eidas.example.org/" } })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: linkSuggestion({ ...albania, organisationCode: "RS" }, "forged", "https://eidas.example.org/") })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: linkSuggestion(albania, "unsafe", "javascript:alert(1)") })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: { ...by(albania, "no-address"), add: "link", remove: "", href: "" } })), albania)).toMatchObject({ isAllowed: false });
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);

      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: linkSuggestion(serbia, "rs-link", "https://eidas.example.org/") })), serbia)).toEqual({ isAllowed: true });
      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: null })), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => firstText(body).format(4, 12, { suggestionFormat: null })), serbia)).toEqual({ isAllowed: true });
    });
  });

  describe("table suggestions (whole rows and tables)", () => {
    const cell = (text: string) => ({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: "paragraph", content: text ? [{ type: "text", text }] : [] }] });
    const withTable = (): ProseMirrorJson => {
      const text = negotiationText();
      text.content!.push({ type: "table", content: [{ type: "tableRow", content: [cell("Albania"), cell("Chair")] }, { type: "tableRow", content: [cell("Serbia"), cell("Member")] }] });
      return text;
    };
    /** A table command run with the cursor at `inside`, as the toolbar runs it. */
    const atPosition = (state: EditorState, inside: number, command: Command): Transaction => {
      let result: Transaction | null = null;
      command(state.apply(state.tr.setSelection(TextSelection.create(state.doc, inside))), (transaction) => (result = transaction));
      if (!result) throw new Error("the table command did nothing");
      return result;
    };
    /** The same with the cursor in the cell holding `word`. */
    const inCell = (editor: HeadlessEditor, word: string, command: Command) => (state: EditorState) => atPosition(state, editor.find(word, "start"), command);
    const rows = (server: Y.Doc) => {
      const found: { cells: string; suggestion: string | null }[] = [];
      documentSchema().nodeFromJSON(jsonFromYDoc(server)).descendants((node) => {
        if (node.type.name !== "tableRow") return true;
        const cells: string[] = [];
        node.forEach((child) => cells.push(child.textContent));
        found.push({ cells: cells.join("|"), suggestion: node.attrs[TABLE_SUGGESTION] ? JSON.parse(node.attrs[TABLE_SUGGESTION]).kind : null });
        return false;
      });
      return found;
    };

    it("a new row is Albania's suggestion, also when empty; the digest stays; accepting keeps it, rejecting removes it", () => {
      const { server, send, decide, suggestions, digest } = setupWith(withTable());
      const digestBefore = digest();
      const editor = new HeadlessEditor(server, albania);
      expect(send(editor.change(inCell(editor, "Serbia", addRowAfter)), albania)).toEqual({ isAllowed: true });
      expect(rows(server)).toEqual([
        { cells: "Albania|Chair", suggestion: null },
        { cells: "Serbia|Member", suggestion: null },
        { cells: "|", suggestion: "insert" },
      ]);
      expect(suggestions()).toMatchObject([{ organisationCode: "AL", authorId: albania.id, change: "New table row" }]);
      expect(digest()).toBe(digestBefore);
      decide("reject");
      expect(rows(server).map((row) => row.cells)).toEqual(["Albania|Chair", "Serbia|Member"]);
      expect(digest()).toBe(digestBefore);

      const again = new HeadlessEditor(server, albania);
      expect(send(again.change(inCell(again, "Serbia", addRowAfter)), albania)).toEqual({ isAllowed: true });
      // Words typed into the new row are Albania's suggested words.
      const inNewRow = again.editorState.doc.content.size - 8;
      expect(send(again.change(HeadlessEditor.typeAt(inNewRow, inNewRow, "Kosovo*")), albania)).toEqual({ isAllowed: true });
      expect(suggestions().map((suggestion) => suggestion.change || suggestion.inserted)).toEqual(["New table row: ‘Kosovo* | ’", "Kosovo*"]);
      decide("accept", (change) => change.startsWith("New table row"));
      expect(rows(server)).toEqual([
        { cells: "Albania|Chair", suggestion: null },
        { cells: "Serbia|Member", suggestion: null },
        { cells: "Kosovo*|", suggestion: null },
      ]);
    });

    it("deleting a row or the table is a suggestion: the row stays until accepted; rejecting keeps it", () => {
      const { server, send, decide, suggestions, digest } = setupWith(withTable());
      const digestBefore = digest();
      const editor = new HeadlessEditor(server, serbia);
      expect(send(editor.change(inCell(editor, "Albania", deleteRow)), serbia)).toEqual({ isAllowed: true });
      expect(rows(server)).toEqual([
        { cells: "Albania|Chair", suggestion: "delete" },
        { cells: "Serbia|Member", suggestion: null },
      ]);
      expect(suggestions()).toMatchObject([{ organisationCode: "RS", change: "Delete table row: ‘Albania | Chair’" }]);
      expect(digest()).toBe(digestBefore);
      decide("reject");
      expect(rows(server).map((row) => row.suggestion)).toEqual([null, null]);
      const again = new HeadlessEditor(server, serbia);
      expect(send(again.change(inCell(again, "Albania", deleteRow)), serbia)).toEqual({ isAllowed: true });
      decide("accept");
      expect(rows(server)).toEqual([{ cells: "Serbia|Member", suggestion: null }]);

      const table = new HeadlessEditor(server, serbia);
      expect(send(table.change(inCell(table, "Serbia", deleteTable)), serbia)).toEqual({ isAllowed: true });
      expect(suggestions()).toMatchObject([{ change: "Delete table: ‘Serbia | Member’" }]);
      decide("accept");
      expect(rows(server)).toEqual([]);
      expect(plainTextFromJson(jsonFromYDoc(server))).toContain("contact point.");
    });

    it("a new table is a suggestion; taking back one's own new row deletes it", () => {
      const { server, send, decide, suggestions, digest } = setupWith(negotiationText());
      const digestBefore = digest();
      const editor = new HeadlessEditor(server, albania);
      const end = editor.editorState.doc.content.size;
      const table = documentSchema().nodes.table!.create(null, [documentSchema().nodes.tableRow!.create(null, [documentSchema().nodes.tableCell!.createAndFill()!, documentSchema().nodes.tableCell!.createAndFill()!])]);
      expect(send(editor.change((state) => state.tr.insert(end, table)), albania)).toEqual({ isAllowed: true });
      expect(suggestions()).toMatchObject([{ organisationCode: "AL", change: "New table" }]);
      expect(digest()).toBe(digestBefore);
      decide("accept");
      expect(rows(server)).toEqual([{ cells: "|", suggestion: null }]);

      const own = new HeadlessEditor(server, albania);
      // The cursor in the table's last (empty) cell: the end of the document less the closing table, row, cell and paragraph.
      expect(send(own.change((state) => atPosition(state, state.doc.content.size - 4, addRowAfter)), albania)).toEqual({ isAllowed: true });
      expect(rows(server).map((row) => row.suggestion)).toEqual([null, "insert"]);
      const takeBack = new HeadlessEditor(server, albania);
      expect(send(takeBack.change((state) => state.tr.delete(state.doc.content.size - 1 - state.doc.lastChild!.lastChild!.nodeSize, state.doc.content.size - 1)), albania)).toEqual({ isAllowed: true });
      expect(rows(server)).toEqual([{ cells: "|", suggestion: null }]);
    });

    it("refuses a direct row change, a forged row suggestion, deciding someone's and accepting one's own, and new columns", () => {
      const { server, send, attempt } = setupWith(withTable());
      const before = Y.encodeStateAsUpdate(server);
      const table = (body: Y.XmlFragment) => body.get(3) as Y.XmlElement;
      const emptyRow = (suggestion: string | null, text = "") => {
        const row = new Y.XmlElement("tableRow");
        if (suggestion) row.setAttribute(TABLE_SUGGESTION, suggestion);
        const cellElement = new Y.XmlElement("tableCell");
        const paragraph = new Y.XmlElement("paragraph");
        if (text) paragraph.insert(0, [new Y.XmlText(text)]);
        cellElement.insert(0, [paragraph]);
        row.insert(0, [cellElement]);
        return row;
      };
      const direct = new HeadlessEditor(server, albania);
      expect(send(direct.change(inCell(direct, "Serbia", addRowAfter), "editing"), albania)).toMatchObject({ isAllowed: false });
      expect(send(direct.change(inCell(direct, "Serbia", deleteRow), "editing"), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => table(body).insert(2, [emptyRow(null)])), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => table(body).insert(2, [emptyRow(encodeTableSuggestion(by({ ...albania, organisationCode: "RS" }, "forged"), "insert"))])), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => table(body).insert(2, [emptyRow(encodeTableSuggestion(by(albania, "words"), "insert"), "Not marked as a suggestion")])), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => (table(body).get(0) as Y.XmlElement).setAttribute(TABLE_SUGGESTION, encodeTableSuggestion(by(albania, "odd"), "insert"))), albania)).toMatchObject({ isAllowed: false });
      const column = new HeadlessEditor(server, albania);
      expect(send(column.change(inCell(column, "Serbia", addColumnAfter), "editing"), albania)).toMatchObject({ isAllowed: false });
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);

      // Albania's own new row and Serbia's suggested deletion: neither may be decided by a delegate.
      expect(send(attempt((body) => table(body).insert(2, [emptyRow(encodeTableSuggestion(by(albania, "al-row"), "insert"))])), albania)).toEqual({ isAllowed: true });
      expect(send(attempt((body) => (table(body).get(0) as Y.XmlElement).setAttribute(TABLE_SUGGESTION, encodeTableSuggestion(by(serbia, "rs-delete"), "delete"))), serbia)).toEqual({ isAllowed: true });
      expect(send(attempt((body) => (table(body).get(2) as Y.XmlElement).removeAttribute(TABLE_SUGGESTION)), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => (table(body).get(0) as Y.XmlElement).removeAttribute(TABLE_SUGGESTION)), albania)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => table(body).delete(0, 1)), serbia)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => table(body).delete(2, 1)), serbia)).toMatchObject({ isAllowed: false });
      expect(send(attempt((body) => (table(body).get(0) as Y.XmlElement).removeAttribute(TABLE_SUGGESTION)), serbia)).toEqual({ isAllowed: true });
      expect(send(attempt((body) => table(body).delete(2, 1)), albania)).toEqual({ isAllowed: true });
    });

    describe("columns", () => {
      const header = (text: string) => ({ ...cell(text), type: "tableHeader" });
      const withHeaderTable = (): ProseMirrorJson => {
        const text = negotiationText();
        text.content!.push({ type: "table", content: [{ type: "tableRow", content: [header("Economy"), header("Role")] }, { type: "tableRow", content: [cell("Albania"), cell("Chair")] }, { type: "tableRow", content: [cell("Serbia"), cell("Member")] }] });
        return text;
      };
      /** Each row's cells as "text", with "*kind" where the cell carries a column suggestion and "^" for a header cell. */
      const grid = (server: Y.Doc) => {
        const found: string[][] = [];
        documentSchema().nodeFromJSON(jsonFromYDoc(server)).descendants((node) => {
          if (node.type.name !== "tableRow") return true;
          const cells: string[] = [];
          node.forEach((child) => cells.push(`${child.type.name === "tableHeader" ? "^" : ""}${child.textContent}${child.attrs[TABLE_SUGGESTION] ? `*${JSON.parse(child.attrs[TABLE_SUGGESTION]).kind}` : ""}`));
          found.push(cells);
          return false;
        });
        return found;
      };

      it("a new column is Albania's suggestion on a cell in every row, a header cell in the header row; the digest stays; rejecting removes it, accepting keeps it", () => {
        const { server, send, decide, suggestions, digest } = setupWith(withHeaderTable());
        const digestBefore = digest();
        const editor = new HeadlessEditor(server, albania);
        expect(send(editor.change(inCell(editor, "Albania", addColumnAfter)), albania)).toEqual({ isAllowed: true });
        expect(grid(server)).toEqual([
          ["^Economy", "^*insert", "^Role"],
          ["Albania", "*insert", "Chair"],
          ["Serbia", "*insert", "Member"],
        ]);
        expect(suggestions()).toMatchObject([{ organisationCode: "AL", authorId: albania.id, change: "New table column" }]);
        expect(digest()).toBe(digestBefore);
        decide("reject");
        expect(grid(server)).toEqual([["^Economy", "^Role"], ["Albania", "Chair"], ["Serbia", "Member"]]);
        expect(digest()).toBe(digestBefore);

        const again = new HeadlessEditor(server, albania);
        expect(send(again.change(inCell(again, "Chair", addColumnAfter)), albania)).toEqual({ isAllowed: true });
        // Words typed into the new column are Albania's suggested words.
        const newCell = again.editorState.doc.resolve(again.find("Chair")).after(-1) + 2;
        expect(send(again.change(HeadlessEditor.typeAt(newCell, newCell, "Tirana")), albania)).toEqual({ isAllowed: true });
        expect(suggestions().map((suggestion) => suggestion.change || suggestion.inserted)).toEqual(["New table column: ‘ | Tirana | ’", "Tirana"]);
        decide("accept", (change) => change.startsWith("New table column"));
        expect(grid(server)).toEqual([
          ["^Economy", "^Role", "^"],
          ["Albania", "Chair", "Tirana"],
          ["Serbia", "Member", ""],
        ]);
      });

      it("deleting a column is Serbia's suggestion; the digest stays; a row added meanwhile takes the column's suggestion along; accepting removes the column from every row", () => {
        const { server, send, decide, suggestions, digest } = setupWith(withHeaderTable());
        const digestBefore = digest();
        const editor = new HeadlessEditor(server, serbia);
        expect(send(editor.change(inCell(editor, "Chair", deleteColumn)), serbia)).toEqual({ isAllowed: true });
        expect(grid(server)).toEqual([
          ["^Economy", "^Role*delete"],
          ["Albania", "Chair*delete"],
          ["Serbia", "Member*delete"],
        ]);
        expect(suggestions()).toMatchObject([{ organisationCode: "RS", change: "Delete table column: ‘Role | Chair | Member’" }]);
        expect(digest()).toBe(digestBefore);

        const rowAdder = new HeadlessEditor(server, albania);
        expect(send(rowAdder.change(inCell(rowAdder, "Serbia", addRowAfter)), albania)).toEqual({ isAllowed: true });
        expect(grid(server).at(-1)).toEqual(["", "*delete"]);
        decide("accept", (change) => change.startsWith("Delete table column"));
        expect(grid(server)).toEqual([["^Economy"], ["Albania"], ["Serbia"], [""]]);
        expect(suggestions()).toMatchObject([{ organisationCode: "AL", change: "New table row" }]);
      });

      it("refuses a column in someone else's name, on some rows only, at different places or through merged cells, and removing someone else's; allows one's own whole column and taking it back", () => {
        const { server, send, attempt } = setupWith(withHeaderTable());
        const table = (body: Y.XmlFragment) => body.get(3) as Y.XmlElement;
        const row = (body: Y.XmlFragment, index: number) => table(body).get(index) as Y.XmlElement;
        const newCell = (suggestion: string, type = "tableCell") => {
          const element = new Y.XmlElement(type);
          element.setAttribute(TABLE_SUGGESTION, suggestion);
          element.insert(0, [new Y.XmlElement("paragraph")]);
          return element;
        };
        /** A new cell at `places[row]` in each row (none where the place is null). */
        const column = (suggestion: string, places: (number | null)[]) => (body: Y.XmlFragment) =>
          places.forEach((place, index) => place !== null && row(body, index).insert(place, [newCell(suggestion, index === 0 ? "tableHeader" : "tableCell")]));
        const insertion = (person: Suggester, id: string) => encodeTableSuggestion(by(person, id), "insert");
        const deletion = (person: Suggester, id: string) => encodeTableSuggestion(by(person, id), "delete");
        const before = Y.encodeStateAsUpdate(server);

        expect(send(attempt(column(insertion({ ...albania, organisationCode: "RS" }, "forged"), [1, 1, 1])), albania)).toMatchObject({ isAllowed: false });
        expect(send(attempt(column(insertion(serbia, "forged-person"), [1, 1, 1])), albania)).toMatchObject({ isAllowed: false });
        expect(send(attempt(column(insertion(albania, "one-row"), [null, 1, null])), albania)).toMatchObject({ isAllowed: false, reason: "A suggested column must be one cell in every row of its table." });
        expect(send(attempt(column(insertion(albania, "scattered"), [0, 1, 2])), albania)).toMatchObject({ isAllowed: false });
        expect(send(attempt((body) => (row(body, 1).get(1) as Y.XmlElement).setAttribute(TABLE_SUGGESTION, deletion(albania, "one-cell"))), albania)).toMatchObject({ isAllowed: false });
        expect(send(attempt((body) => row(body, 1).delete(1, 1)), albania)).toMatchObject({ isAllowed: false });
        const direct = new HeadlessEditor(server, albania);
        expect(send(direct.change(inCell(direct, "Chair", deleteColumn), "editing"), albania)).toMatchObject({ isAllowed: false });
        expect(Y.encodeStateAsUpdate(server)).toEqual(before);

        // Albania's own whole column is allowed; no one else may remove it, and she may take it back only whole.
        expect(send(attempt(column(insertion(albania, "al-column"), [2, 2, 2])), albania)).toEqual({ isAllowed: true });
        expect(send(attempt((body) => [0, 1, 2].forEach((index) => row(body, index).delete(2, 1))), serbia)).toMatchObject({ isAllowed: false });
        expect(send(attempt((body) => row(body, 1).delete(2, 1)), albania)).toMatchObject({ isAllowed: false });
        // A new row takes the column's suggestion along, never one the table does not have.
        const newRow = (suggestion: string) => (body: Y.XmlFragment) => {
          const element = new Y.XmlElement("tableRow");
          element.setAttribute(TABLE_SUGGESTION, encodeTableSuggestion(by(serbia, "rs-row"), "insert"));
          const plain = new Y.XmlElement("tableCell");
          plain.insert(0, [new Y.XmlElement("paragraph")]);
          const second = new Y.XmlElement("tableCell");
          second.insert(0, [new Y.XmlElement("paragraph")]);
          element.insert(0, [plain, second, newCell(suggestion)]);
          table(body).insert(3, [element]);
        };
        expect(send(attempt(newRow(insertion(serbia, "rs-column"))), serbia)).toMatchObject({ isAllowed: false });
        expect(send(attempt(newRow(insertion(albania, "al-column"))), serbia)).toEqual({ isAllowed: true });
        // Taking her column back takes its cell out of Serbia's new row too.
        expect(send(attempt((body) => [0, 1, 2, 3].forEach((index) => row(body, index).delete(2, 1))), albania)).toEqual({ isAllowed: true });
        expect(send(attempt((body) => table(body).delete(3, 1)), serbia)).toEqual({ isAllowed: true });
        expect(grid(server)).toEqual([["^Economy", "^Role"], ["Albania", "Chair"], ["Serbia", "Member"]]);

        // No column through merged cells.
        const merged = withHeaderTable();
        merged.content![3]!.content![0] = { type: "tableRow", content: [{ ...header("Contact points"), attrs: { colspan: 2, rowspan: 1, colwidth: null } }] };
        const inMerged = setupWith(merged);
        expect(inMerged.send(inMerged.attempt(column(insertion(albania, "al-merged"), [1, 2, 2])), albania)).toMatchObject({ isAllowed: false, reason: "Columns cannot be suggested in a table with merged cells." });
      });
    });
  });
});
