"use client";

import { useEffect, useRef, useState, type CSSProperties } from "react";
import { NodeSelection } from "@tiptap/pm/state";
import { useEditorState, type Editor } from "@tiptap/react";
import type { Awareness } from "y-protocols/awareness";
import { MAX_NOTE_REWORDING_LENGTH, NOTE_SUGGESTION, parseNoteSuggestion, type NoteSuggestion } from "@/lib/editor/note-suggestion";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { economyOf } from "@/components/editor/presence-style";
import { useNoteWriters } from "@/components/editor/note-writers";

/** A note in reading order, with the suggestion it carries (suggested in or out, or new wording), if any. */
type NoteEntry = { position: number; text: string; isSelected: boolean; suggestion: NoteSuggestion | null };

function notesOf(editor: Editor): NoteEntry[] {
  const notes: NoteEntry[] = [];
  const { selection } = editor.state;
  editor.state.doc.descendants((node, position) => {
    if (node.type.name === "note") {
      notes.push({
        position,
        text: String(node.attrs.text ?? ""),
        isSelected: selection instanceof NodeSelection && selection.from === position,
        suggestion: parseNoteSuggestion(node.attrs[NOTE_SUGGESTION]),
      });
    }
  });
  return notes;
}

/**
 * The document's notes, numbered in reading order like the markers in the text. Editors change
 * a note's wording here. In Suggesting mode (`suggester`) one writes the wording of one's own
 * suggested notes, and proposes new wording for any other note nobody else has a suggestion on:
 * the proposal sits under the wording as it stands until the secretariat decides. Everyone sees
 * open proposals; observers read. One person writes a note's wording at a time: while someone else
 * is in it (their presence says so), it is read-only here, with their name.
 */
export function NotesPanel({ editor, canEdit, suggester, focusRequest, awareness }: {
  editor: Editor;
  canEdit: boolean;
  suggester: { id: string; organisationCode: string } | null;
  focusRequest: number;
  /** This person's presence in the document; null for readers, who publish none. */
  awareness: Awareness | null;
}) {
  const { writers, announce } = useNoteWriters(awareness);
  // The note whose wording this person is writing, if any.
  const [writingIndex, setWritingIndex] = useState<number | null>(null);
  useEffect(() => () => announce(null), [announce]);
  const notes = useEditorState({ editor, selector: ({ editor: current }) => notesOf(current), equalityFn: sameNotes });
  const listRef = useRef<HTMLOListElement>(null);
  // Notes (by number) whose proposal field is open before any wording has been proposed.
  const [proposing, setProposing] = useState<ReadonlySet<number>>(new Set());
  const [proposalFocusRequest, setProposalFocusRequest] = useState<number | null>(null);

  // After "Insert note", move to the wording of the note just inserted (the one at the caret).
  useEffect(() => {
    if (!focusRequest || !listRef.current) return;
    const before = editor.state.selection.from - 1;
    const index = notesOf(editor).findIndex((note) => note.position === before);
    listRef.current.querySelectorAll("li")[index]?.querySelector("textarea")?.focus();
  }, [focusRequest, editor]);

  // After "Propose new wording", into the field just opened.
  useEffect(() => {
    if (proposalFocusRequest === null || !listRef.current) return;
    listRef.current.querySelectorAll("li")[proposalFocusRequest]?.querySelector<HTMLTextAreaElement>(".document-notes__proposal-input")?.focus();
    setProposalFocusRequest(null);
  }, [proposalFocusRequest]);

  if (notes.length === 0) return null;

  function handleChange(index: number, text: string) {
    // Positions move as others type: find the note again by its number just before changing it.
    // In Suggesting mode the editor turns new wording for someone else's note into a proposal (lib/editor/suggesting.ts).
    const note = notesOf(editor)[index];
    if (!note) return;
    const { tr, doc } = editor.state;
    if (doc.nodeAt(note.position)?.type.name !== "note") return;
    editor.view.dispatch(tr.setNodeAttribute(note.position, "text", text));
  }

  function handleShowInText(position: number) {
    editor.chain().focus().setNodeSelection(position).scrollIntoView().run();
  }

  function handleStartProposal(index: number) {
    setProposing(new Set([...proposing, index]));
    setProposalFocusRequest(index);
  }

  function handleProposalBlur(index: number) {
    // A field left without a proposal closes again; one with a proposal stays, showing it.
    const rewording = notesOf(editor)[index]?.suggestion;
    if (rewording?.kind === "reword" && rewording.authorId === suggester?.id) return;
    setProposing(new Set([...proposing].filter((open) => open !== index)));
  }

  return (
    <section className="document-notes" aria-labelledby="document-notes-heading">
      <h2 id="document-notes-heading" className="document-notes__heading">Notes</h2>
      <ol className="document-notes__list" ref={listRef}>
        {notes.map((note, index) => {
          const number = index + 1;
          const { suggestion } = note;
          const isOwn = suggester !== null && suggestion?.authorId === suggester.id;
          const canWriteWording = canEdit || (isOwn && suggestion?.kind === "insert");
          const rewording = suggestion?.kind === "reword" ? suggestion : null;
          const canPropose = suggester !== null && (suggestion === null || (isOwn && rewording !== null));
          const isProposalOpen = canPropose && (rewording !== null || proposing.has(index));
          // Someone else is writing this wording; if this person got into it first (or at the same instant) it stays theirs.
          const writer = writers.get(index);
          const isTaken = writer !== undefined && writingIndex !== index;
          return (
            <li key={index} className="document-notes__item" aria-current={note.isSelected ? "true" : undefined}>
              <button type="button" className="document-notes__number" onClick={() => handleShowInText(note.position)} aria-label={`Show note ${number} in the text`}>
                {number}
              </button>
              <div className="document-notes__body">
                {canWriteWording ? (
                  <>
                    <textarea
                      className="document-notes__input"
                      aria-label={`Wording of note ${number}`}
                      aria-describedby={writer ? `note-${number}-writer` : undefined}
                      placeholder="Write the note…"
                      rows={1}
                      value={note.text}
                      readOnly={isTaken}
                      onFocus={() => {
                        if (isTaken) return;
                        setWritingIndex(index);
                        announce(index);
                      }}
                      onBlur={() => {
                        setWritingIndex(null);
                        announce(null);
                      }}
                      onChange={(event) => handleChange(index, event.target.value)}
                    />
                    {writer && (
                      <p id={`note-${number}-writer`} className="document-notes__writer" role="status">
                        {writer.name}
                        {economyOf(writer.organisationCode).label ? ` · ${economyOf(writer.organisationCode).label}` : ""}
                        {isTaken ? " is writing this note; it opens for you when they leave it." : " is writing this note too: the last change is kept."}
                      </p>
                    )}
                  </>
                ) : (
                  <p className="document-notes__text">{note.text || <span className="subtle">(empty note)</span>}</p>
                )}
                {isProposalOpen ? (
                  <div className="document-notes__proposal" style={economyColour(suggester?.organisationCode)}>
                    <span className="document-notes__proposal-label" aria-hidden="true">Your proposed wording</span>
                    <textarea
                      className="document-notes__input document-notes__proposal-input"
                      aria-label={`Proposed wording of note ${number}`}
                      rows={1}
                      maxLength={MAX_NOTE_REWORDING_LENGTH}
                      value={rewording?.text ?? note.text}
                      onChange={(event) => handleChange(index, event.target.value)}
                      onBlur={() => handleProposalBlur(index)}
                    />
                  </div>
                ) : rewording ? (
                  <p className="document-notes__proposal" style={economyColour(rewording.organisationCode)} data-economy={rewording.organisationCode}>
                    <span className="document-notes__proposal-label">
                      <EconomyBadge code={rewording.organisationCode} isShort /> {rewording.authorName} proposes:
                    </span>
                    <ins className="document-notes__proposed">{rewording.text || <span className="subtle">(empty note)</span>}</ins>
                  </p>
                ) : canPropose ? (
                  <button type="button" className="document-notes__propose" onClick={() => handleStartProposal(index)} aria-label={`Propose new wording for note ${number}`}>
                    Propose new wording
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The proposing economy's colour for a proposal (the panel is outside the text's own colour rules). */
function economyColour(code: string | undefined): CSSProperties | undefined {
  return code ? ({ "--suggestion-colour": `var(--economy-${code})` } as CSSProperties) : undefined;
}

function sameNotes(a: NoteEntry[] | null, b: NoteEntry[] | null): boolean {
  if (!a || !b || a.length !== b.length) return a === b;
  return a.every((note, index) => {
    const other = b[index]!;
    return note.position === other.position && note.text === other.text && note.isSelected === other.isSelected && JSON.stringify(note.suggestion) === JSON.stringify(other.suggestion);
  });
}
