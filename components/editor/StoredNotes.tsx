/** A stored text's notes under it, numbered like their markers in the text (the editor's NotesPanel, read-only). */
export function StoredNotes({ notes }: { notes: { number: number; text: string }[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="document-notes" aria-labelledby="document-notes-heading">
      <h2 id="document-notes-heading" className="document-notes__heading">Notes</h2>
      <ol className="document-notes__list">
        {notes.map((note) => (
          <li key={note.number} className="document-notes__item">
            <span className="document-notes__number" aria-hidden="true">{note.number}</span>
            <p className="document-notes__text">
              <span className="visually-hidden">Note {note.number}: </span>
              {note.text || <span className="subtle">(empty note)</span>}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
