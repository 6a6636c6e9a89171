import type { CSSProperties } from "react";
import type { StoredNote } from "@/lib/documents/render";
import { EconomyBadge } from "@/components/ui/EconomyBadge";

/**
 * A stored text's notes under it, numbered like their markers in the text (the editor's NotesPanel,
 * read-only); in a text with its open suggestions, new wording proposed for a note under it.
 */
export function StoredNotes({ notes }: { notes: StoredNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="document-notes" aria-labelledby="document-notes-heading">
      <h2 id="document-notes-heading" className="document-notes__heading">Notes</h2>
      <ol className="document-notes__list">
        {notes.map((note) => (
          <li key={note.number} className="document-notes__item">
            <span className="document-notes__number" aria-hidden="true">{note.number}</span>
            <div className="document-notes__body">
              <p className="document-notes__text">
                <span className="visually-hidden">Note {note.number}: </span>
                {note.text || <span className="subtle">(empty note)</span>}
              </p>
              {note.rewording && (
                <p className="document-notes__proposal" style={{ "--suggestion-colour": `var(--economy-${note.rewording.organisationCode})` } as CSSProperties} data-economy={note.rewording.organisationCode}>
                  <span className="document-notes__proposal-label">
                    <EconomyBadge code={note.rewording.organisationCode} isShort /> {note.rewording.authorName} proposes:
                  </span>
                  <ins className="document-notes__proposed">{note.rewording.text || <span className="subtle">(empty note)</span>}</ins>
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
