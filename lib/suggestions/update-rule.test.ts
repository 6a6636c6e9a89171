import { TextSelection } from "@tiptap/pm/state";
import { Slice, Fragment } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentSchema, jsonFromYDoc, plainTextFromJson } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";
import { SuggestionReplica, type Suggester } from "@/lib/suggestions/update-rule";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";

const albania: Suggester = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };
const serbia: Suggester = { id: "user-rs", name: "Milan Petrović", organisationCode: "RS" };
const secretariat: Suggester = { id: "user-rcc", name: "Secretariat", organisationCode: "RCC" };

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
    const attempt = (change: (this: { body: Y.XmlFragment }) => void) => {
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
      const vector = Y.encodeStateVector(fresh);
      change.call({ body: fresh.getXmlFragment(DOCUMENT_FIELD) });
      return Y.encodeStateAsUpdate(fresh, vector);
    };
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
});
