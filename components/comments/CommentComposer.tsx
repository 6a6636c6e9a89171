"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";
import { mentionMarkup, splitMentions } from "@/lib/comments/mentions";
import { getOrganisation } from "@/lib/organisations/catalogue";

export type Person = { id: string; name: string; organisationCode: string };

const MAX_SUGGESTIONS = 6;
const COMMENT_WARNING_LENGTH = COMMENT_MAX_LENGTH - 500;

/** Letters without accents, lower case: "Petrović" is found by typing "petrovic". */
const fold = (text: string) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/** A stored comment as the person edits it: mentions read "@Name". */
export function editableText(body: string, mentions: Person[]): string {
  return splitMentions(body)
    .map((part) => ("text" in part ? part.text : `@${mentions.find((person) => person.id === part.userId)?.name ?? part.label}`))
    .join("");
}

/** Turns each "@Name" of a picked person back into mention markup; anything else stays plain text. */
function toMarkup(text: string, picked: Person[]): string {
  let result = text;
  // Longest names first, so "@Ana Maria" is not taken for "@Ana".
  for (const person of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    result = result.split(`@${person.name}`).join(mentionMarkup(person));
  }
  return result;
}

/**
 * A comment box that offers people to mention after "@" (arrow keys and Enter pick one; the list
 * follows the ARIA combobox pattern). It hands the comment to `onSubmit` with mentions as markup.
 */
export function CommentComposer({
  label,
  people,
  submitLabel,
  onSubmit,
  onCancel,
  initialText = "",
  initialMentions = [],
  error,
  isHiddenLabel = false,
  autoFocus = false,
  children,
}: {
  label: string;
  people: Person[];
  submitLabel: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
  initialText?: string;
  initialMentions?: Person[];
  error?: string;
  isHiddenLabel?: boolean;
  autoFocus?: boolean;
  /** Further fields of the same form, shown above the comment box (e.g. a new thread's kind). */
  children?: ReactNode;
}) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [picked, setPicked] = useState<Person[]>(initialMentions);
  const [query, setQuery] = useState<{ text: string; start: number } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [isBusy, setBusy] = useState(false);

  const suggestions = query ? people.filter((person) => fold(person.name).includes(fold(query.text))).slice(0, MAX_SUGGESTIONS) : [];
  const isListOpen = suggestions.length > 0;

  function updateQuery(value: string, caret: number) {
    const match = /(^|\s)@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/u.exec(value.slice(0, caret));
    setQuery(match ? { text: match[2]!, start: caret - match[2]!.length - 1 } : null);
    setHighlighted(0);
  }

  function pick(person: Person) {
    if (!query || !textarea.current) return;
    const caret = textarea.current.selectionStart;
    const inserted = `@${person.name} `;
    const next = text.slice(0, query.start) + inserted + text.slice(caret);
    setText(next);
    setPicked((current) => (current.some((entry) => entry.id === person.id) ? current : [...current, person]));
    setQuery(null);
    const position = query.start + inserted.length;
    requestAnimationFrame(() => textarea.current?.setSelectionRange(position, position));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isListOpen) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setHighlighted((index) => (index + (event.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(suggestions[highlighted]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void handleSubmit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  async function handleSubmit() {
    if (isBusy) return;
    setBusy(true);
    const isDone = await onSubmit(toMarkup(text, picked));
    setBusy(false);
    if (isDone) {
      setText("");
      setPicked([]);
    }
  }

  const errorId = `${id}-error`;
  const listId = `${id}-people`;
  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void handleSubmit();
      }}
    >
      {children}
      <label htmlFor={`${id}-text`} className={isHiddenLabel ? "visually-hidden" : "comment-composer__label"}>
        {label}
      </label>
      <div className="comment-composer__field">
        <textarea
          ref={textarea}
          id={`${id}-text`}
          className="textarea comment-composer__text"
          rows={3}
          value={text}
          placeholder="Write a comment… Type @ to mention someone."
          autoFocus={autoFocus}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={isListOpen}
          aria-controls={listId}
          aria-activedescendant={isListOpen ? `${listId}-${highlighted}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            updateQuery(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => setQuery(null)}
        />
        <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list" hidden={!isListOpen}>
          {suggestions.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === highlighted}
              className="mention-list__option"
              // Picking must happen before the textarea's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              <span className="mention-list__name">{person.name}</span>
              <span className="mention-list__organisation">{getOrganisation(person.organisationCode).shortName}</span>
            </li>
          ))}
        </ul>
      </div>
      {text.length > COMMENT_WARNING_LENGTH && (
        <p className="field__hint" aria-live="polite">
          {text.length.toLocaleString("en-GB")} of {COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__actions">
        {onCancel && (
          <button type="button" className="button button--small button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--small button--primary" disabled={isBusy}>
          {isBusy ? "Sending…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
