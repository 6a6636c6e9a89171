import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import type { Slice } from "@tiptap/pm/model";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema, jsonFromYDoc, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { trackChanges, trackPaste } from "@/lib/editor/suggesting";
import type { SuggestionAttributes, SuggestionAuthor } from "@/lib/editor/suggestion-marks";

/** A short negotiation text used by the suggestion tests. */
export function negotiationText(): ProseMirrorJson {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: "Scope" }] },
      { type: "paragraph", attrs: { numbered: true }, content: [{ type: "text", text: "The Participants shall cooperate on trust services." }] },
      { type: "paragraph", attrs: { numbered: true }, content: [{ type: "text", text: "Each Participant designates a contact point." }] },
    ],
  };
}

/** A Yjs document holding the given text. */
export function yDocFrom(json: ProseMirrorJson): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, yjsStateFromJson(json));
  return doc;
}

/**
 * A person's editor without a browser: a ProseMirror state bound to a Yjs document the way
 * y-prosemirror binds it (`updateYFragment`), with suggesting mode's transaction rewriting. What a
 * change sends to the server is the Yjs update it produces.
 */
export class HeadlessEditor {
  readonly doc: Y.Doc;
  private state: EditorState;
  private meta: ReturnType<typeof initProseMirrorDoc>["meta"];
  private counter = 0;

  constructor(source: Y.Doc, private readonly author: SuggestionAuthor) {
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(source));
    const initial = initProseMirrorDoc(this.doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
    this.meta = initial.meta;
    this.state = EditorState.create({ doc: initial.doc, schema: documentSchema() });
  }

  /** Position just after the first occurrence of `text` (or at its start). */
  find(text: string, where: "start" | "end" = "end"): number {
    let found = -1;
    this.state.doc.descendants((node, position) => {
      if (found >= 0 || !node.isText) return found < 0;
      const index = (node.text ?? "").indexOf(text);
      if (index >= 0) found = position + index + (where === "end" ? text.length : 0);
      return false;
    });
    if (found < 0) throw new Error(`"${text}" not found`);
    return found;
  }

  /** Makes a change; in suggesting mode it is rewritten into suggestions first. Returns the Yjs update it produced. */
  change(build: (state: EditorState) => Transaction, mode: "suggesting" | "editing" = "suggesting", attributes?: Partial<SuggestionAttributes>): Uint8Array {
    const original = build(this.state);
    const transaction =
      mode === "suggesting"
        ? trackChanges({
            state: this.state,
            transaction: original,
            attributes: { ...this.attributes(), ...attributes },
          })
        : original;
    if (!transaction) return new Uint8Array([0, 0]);
    return this.apply(transaction);
  }

  /** Pastes `slice` at from..to in Suggesting mode, as the editor's paste handler does for lists and tables. */
  paste(from: number, to: number, slice: Slice): Uint8Array {
    const state = this.state.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, from, to)));
    const transaction = trackPaste({ state, slice, attributes: this.attributes() });
    if (!transaction) throw new Error("the paste gave no suggestion");
    this.state = state;
    return this.apply(transaction);
  }

  apply(transaction: Transaction): Uint8Array {
    this.state = this.state.apply(transaction);
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => updateYFragment(this.doc, this.doc.getXmlFragment(DOCUMENT_FIELD), this.state.doc, this.meta));
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  private attributes(): SuggestionAttributes {
    return {
      id: `s-${this.author.organisationCode}-${++this.counter}`,
      authorId: this.author.id,
      authorName: this.author.name,
      organisationCode: this.author.organisationCode,
      createdAt: "2026-05-14T10:00:00.000Z",
    };
  }

  /** Takes in changes from others (as the sync plugin would), rebuilding the editor state. */
  receive(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
    const next = initProseMirrorDoc(this.doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
    this.meta = next.meta;
    this.state = EditorState.create({ doc: next.doc, schema: documentSchema() });
  }

  get editorState(): EditorState {
    return this.state;
  }

  json(): ProseMirrorJson {
    return jsonFromYDoc(this.doc);
  }

  /** Selects from..to and types `text` over it, as the keyboard would. */
  static typeAt(from: number, to: number, text: string) {
    return (state: EditorState) => state.tr.setSelection(TextSelection.create(state.doc, from, to)).insertText(text, from, to);
  }
}
