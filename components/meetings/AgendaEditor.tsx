"use client";

import { useEffect, useOptimistic, useRef, useState, useTransition, type DragEvent } from "react";
import Link from "next/link";
import type { ActionState } from "@/lib/action-state";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { ActionButton } from "@/components/meetings/ActionButton";
import { AgendaItemForm } from "@/components/meetings/AgendaItemForm";
import type { PartyChoices } from "@/components/meetings/PartySelect";
import styles from "@/components/meetings/meetings.module.css";

export type AgendaEntry = {
  id: string;
  title: string;
  durationMinutes: number | null;
  presenterName: string | null;
  presenterOrganisationCode: string | null;
  /** The presenter as the form chooses it ("user:<id>", "organisation:AL"), with its label; null without one. */
  presenter: { value: string; label: string } | null;
  document: { id: string; title: string } | null;
};

/** What changing an item needs: the action and the form's lists. */
export type AgendaItemEditing = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  choices: PartyChoices;
  documents: { id: string; title: string }[];
};

/**
 * The agenda in order. The secretariat reorders it by dragging an item, or from the keyboard with
 * the move up/down buttons; each move is announced to screen readers and saved at once. "Edit"
 * opens an item's form in its place; closing it puts the focus back on that "Edit".
 */
export function AgendaEditor({ meetingId, items, canEdit, reorderAction, removeAction, editing }: {
  meetingId: string;
  items: AgendaEntry[];
  canEdit: boolean;
  reorderAction: (meetingId: string, agendaItemIds: string[]) => Promise<ActionState>;
  removeAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  editing?: AgendaItemEditing;
}) {
  const [editedId, setEditedId] = useState<string | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  const closeEditing = (id: string, outcome: "saved" | "cancelled") => {
    returnFocusTo.current = id;
    setEditedId(null);
    if (outcome === "saved") setAnnouncement("Agenda item saved.");
  };
  // Once the form has gone (after a save, that is when the refreshed agenda is shown), its "Edit" button is back.
  useEffect(() => {
    if (editedId !== null || !returnFocusTo.current) return;
    document.getElementById(editButtonId(returnFocusTo.current))?.focus();
    returnFocusTo.current = null;
  }, [editedId]);
  const [shownItems, setShownItems] = useOptimistic(items);
  const [isSaving, startTransition] = useTransition();
  const [hasSaved, setHasSaved] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [draggedId, setDraggedId] = useState<string | null>(null);
  const [dropTargetId, setDropTargetId] = useState<string | null>(null);

  const moveTo = (id: string, targetIndex: number) => {
    const fromIndex = shownItems.findIndex((item) => item.id === id);
    if (fromIndex < 0 || targetIndex < 0 || targetIndex >= shownItems.length || fromIndex === targetIndex) return;
    const next = [...shownItems];
    const [moved] = next.splice(fromIndex, 1);
    next.splice(targetIndex, 0, moved);
    const message = `“${moved.title}” moved to position ${targetIndex + 1} of ${next.length}.`;
    setAnnouncement(message);
    startTransition(async () => {
      setShownItems(next);
      const result = await reorderAction(meetingId, next.map((item) => item.id));
      if (result.status === "error") {
        setError(result.message ?? "The new order could not be saved.");
        setAnnouncement(`The move was not saved. ${result.message ?? ""}`);
      } else {
        setError(null);
        setHasSaved(true);
      }
    });
  };

  const handleDrop = (event: DragEvent<HTMLLIElement>, targetId: string) => {
    event.preventDefault();
    const id = draggedId ?? event.dataTransfer.getData("text/plain");
    setDraggedId(null);
    setDropTargetId(null);
    if (id && id !== targetId) moveTo(id, shownItems.findIndex((item) => item.id === targetId));
  };

  const totalMinutes = shownItems.reduce((sum, item) => sum + (item.durationMinutes ?? 0), 0);

  return (
    <>
      <p className="visually-hidden" aria-live="polite" role="status">{announcement}</p>
      {error && <div className="alert alert--error" role="alert">{error}</div>}
      <ol className={styles.agenda} aria-label="Agenda" data-testid="agenda">
        {shownItems.map((item, index) =>
          editing && editedId === item.id ? (
            <li key={item.id} className={styles.agendaItem} data-editing="true" data-testid="agenda-item">
              <span className={styles.agendaNumber} aria-hidden="true">{index + 1}</span>
              <AgendaItemForm
                meetingId={meetingId}
                action={editing.action}
                choices={editing.choices}
                documents={editing.documents}
                item={{ id: item.id, title: item.title, durationMinutes: item.durationMinutes, presenter: item.presenter, documentId: item.document?.id ?? null }}
                onDone={(outcome) => closeEditing(item.id, outcome)}
              />
            </li>
          ) : (
            <li
              key={item.id}
              className={styles.agendaItem}
              data-readonly={!canEdit}
              data-dragging={draggedId === item.id}
              data-drop-target={dropTargetId === item.id && draggedId !== item.id}
              data-testid="agenda-item"
              draggable={canEdit}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", item.id);
                setDraggedId(item.id);
              }}
              onDragEnd={() => {
                setDraggedId(null);
                setDropTargetId(null);
              }}
              onDragOver={(event) => {
                if (!canEdit) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                if (dropTargetId !== item.id) setDropTargetId(item.id);
              }}
              onDrop={(event) => handleDrop(event, item.id)}
            >
              {canEdit && <span className={styles.dragHandle} aria-hidden="true" title="Drag to reorder">⠿</span>}
              <span className={styles.agendaNumber} aria-hidden="true">{index + 1}</span>
              <div>
                <div className={styles.agendaTitle} data-testid="agenda-title">
                  <span className="visually-hidden">Item {index + 1}: </span>
                  {item.title}
                </div>
                <div className={styles.agendaMeta}>
                  {item.presenterOrganisationCode && <EconomyBadge code={item.presenterOrganisationCode} />}
                  {item.presenterName && <span>{item.presenterName}</span>}
                  {item.durationMinutes !== null && <span>{item.durationMinutes} min</span>}
                  {item.document && <Link href={`/documents/${item.document.id}`}>{item.document.title}</Link>}
                </div>
              </div>
              {canEdit && (
                <div className={styles.agendaControls}>
                  <button
                    type="button"
                    className={`button button--small button--ghost ${styles.iconButton}`}
                    aria-label={`Move “${item.title}” up`}
                    aria-disabled={index === 0}
                    onClick={() => moveTo(item.id, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={`button button--small button--ghost ${styles.iconButton}`}
                    aria-label={`Move “${item.title}” down`}
                    aria-disabled={index === shownItems.length - 1}
                    onClick={() => moveTo(item.id, index + 1)}
                  >
                    ↓
                  </button>
                  {editing && (
                    <button
                      type="button"
                      id={editButtonId(item.id)}
                      className="button button--small button--ghost"
                      aria-label={`Edit “${item.title}”`}
                      onClick={() => setEditedId(item.id)}
                    >
                      Edit
                    </button>
                  )}
                  <ActionButton
                    action={removeAction}
                    fields={{ agendaItemId: item.id }}
                    label="Remove"
                    pendingLabel="Removing…"
                    variant="ghost"
                    confirmation={`Remove “${item.title}” from the agenda?`}
                  />
                </div>
              )}
            </li>
          ),
        )}
      </ol>
      {totalMinutes > 0 && (
        <p className={styles.agendaTotal}>
          Planned time: {Math.floor(totalMinutes / 60) ? `${Math.floor(totalMinutes / 60)} h ` : ""}
          {totalMinutes % 60 ? `${totalMinutes % 60} min` : ""}
        </p>
      )}
      {canEdit && shownItems.length > 1 && (
        <p className="subtle" data-testid="agenda-save-state">
          {isSaving ? "Saving the new order…" : hasSaved && !error ? "New order saved. " : ""}
          Drag items by their handle, or use the arrow buttons, to change the order.
        </p>
      )}
    </>
  );
}

const editButtonId = (agendaItemId: string) => `agenda-edit-${agendaItemId}`;
