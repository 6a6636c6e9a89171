"use client";

import { useEffect, useRef } from "react";
import { NodeSelection } from "@tiptap/pm/state";
import { useEditorState, type Editor } from "@tiptap/react";
import { NOTE_SUGGESTION, parseNoteSuggestion } from "@/lib/editor/note-suggestion";

/** A note in reading order; `suggestedBy` is the author of a note suggested into the text (else null). */
type NoteEntry = { position: number; text: string; isSelected: boolean; suggestedBy: string | null };

function notesOf(editor: Editor): NoteEntry[] {
  const notes: NoteEntry[] = [];
  const { selection } = editor.state;
  editor.state.doc.descendants((node, position) => {
    if (node.type.name === "note") {
      notes.push({
        position,
        text: String(node.attrs.text ?? ""),
        isSelected: selection instanceof NodeSelection && selection.from === position,
        suggestedBy: (() => {
          const suggestion = parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]);
          return suggestion?.kind === "insert" ? suggestion.authorId : null;
        })(),
      });
    }
  });
  return notes;
}

/**
 * The document's notes, numbered in reading order like the markers in the text. Editors change
 * a note's wording here; in Suggesting mode only the wording of one's own suggested notes
 * (`suggesterId`); observers read it.
 */
export function NotesPanel({ editor, canEdit, suggesterId, focusRequest }: { editor: Editor; canEdit: boolean; suggesterId: string | null; focusRequest: number }) {
  const notes = useEditorState({ editor, selector: ({ editor: current }) => notesOf(current), equalityFn: sameNotes });
  const listRef = useRef<HTMLOListElement>(null);

  // After "Insert note", move to the wording of the note just inserted (the one at the caret).
  useEffect(() => {
    if (!focusRequest || !listRef.current) return;
    const before = editor.state.selection.from - 1;
    const index = notesOf(editor).findIndex((note) => note.position === before);
    listRef.current.querySelectorAll("li")[index]?.querySelector("textarea")?.focus();
  }, [focusRequest, editor]);

  if (notes.length === 0) return null;

  function handleChange(index: number, text: string) {
    // Positions move as others type: find the note again by its number just before changing it.
    const note = notesOf(editor)[index];
    if (!note) return;
    const { tr, doc } = editor.state;
    if (doc.nodeAt(note.position)?.type.name !== "note") return;
    editor.view.dispatch(tr.setNodeAttribute(note.position, "text", text));
  }

  function handleShowInText(position: number) {
    editor.chain().focus().setNodeSelection(position).scrollIntoView().run();
  }

  return (
    <section className="document-notes" aria-labelledby="document-notes-heading">
      <h2 id="document-notes-heading" className="document-notes__heading">Notes</h2>
      <ol className="document-notes__list" ref={listRef}>
        {notes.map((note, index) => (
          <li key={index} className="document-notes__item" aria-current={note.isSelected ? "true" : undefined}>
            <button type="button" className="document-notes__number" onClick={() => handleShowInText(note.position)} aria-label={`Show note ${index + 1} in the text`}>
              {index + 1}
            </button>
            {canEdit || (suggesterId !== null && note.suggestedBy === suggesterId) ? (
              <textarea
                className="document-notes__input"
                aria-label={`Wording of note ${index + 1}`}
                placeholder="Write the note…"
                rows={1}
                value={note.text}
                onChange={(event) => handleChange(index, event.target.value)}
              />
            ) : (
              <p className="document-notes__text">{note.text || <span className="subtle">(empty note)</span>}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function sameNotes(a: NoteEntry[] | null, b: NoteEntry[] | null): boolean {
  if (!a || !b || a.length !== b.length) return a === b;
  return a.every((note, index) => note.position === b[index]!.position && note.text === b[index]!.text && note.isSelected === b[index]!.isSelected && note.suggestedBy === b[index]!.suggestedBy);
}
