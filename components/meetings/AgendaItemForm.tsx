"use client";

import type { ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { PartySelect, type PartyChoices } from "@/components/meetings/PartySelect";
import { useFormAction } from "@/components/meetings/use-form-action";
import { FormError } from "@/components/ui/FormError";

/** An item as the form shows it when changing it: the presenter as PartySelect's value ("user:<id>", "organisation:AL"). */
export type AgendaItemDraft = {
  id: string;
  title: string;
  durationMinutes: number | null;
  presenter: { value: string; label: string } | null;
  documentId: string | null;
};

/**
 * Adds an item at the end of the agenda or, given `item`, changes that one where it stands
 * (`onDone` closes the form once the change is saved, or on "Cancel"). Field ids carry the
 * item's id, so the form for a change never shares ids with the one for adding.
 */
export function AgendaItemForm({ meetingId, action, choices, documents, item, onDone }: {
  meetingId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  choices: PartyChoices;
  documents: { id: string; title: string }[];
  item?: AgendaItemDraft;
  onDone?: (outcome: "saved" | "cancelled") => void;
}) {
  const submit = async (previous: ActionState, form: FormData) => {
    const result = await action(previous, form);
    if (item && result.status === "success") onDone?.("saved");
    return result;
  };
  const { state, isPending, formProps } = useFormAction(submit, { isResetOnSuccess: !item });
  const errors = state.fieldErrors ?? {};
  const idOf = (field: string) => (item ? `agenda-${item.id}-${field}` : `agenda-${field}`);

  return (
    <form className="form" {...formProps} aria-label={item ? `Change the agenda item “${item.title}”` : "Add an agenda item"}>
      <input type="hidden" name="meetingId" value={meetingId} />
      {item && <input type="hidden" name="agendaItemId" value={item.id} />}
      <FormError state={state} />
      <Field id={idOf("title")} label="Item" errors={errors.title}>
        <input className="input" {...fieldProps(idOf("title"), errors.title)} name="title" maxLength={300} defaultValue={item?.title} autoFocus={Boolean(item)} />
      </Field>
      <div className="form-row">
        <Field id={idOf("presenter")} label="Presenter" errors={errors.presenter}>
          <PartySelect id={idOf("presenter")} name="presenter" choices={choices} emptyLabel="No presenter" errors={errors.presenter} current={item?.presenter ?? undefined} />
        </Field>
        <Field id={idOf("duration")} label="Duration (minutes)" errors={errors.durationMinutes}>
          <input
            className="input"
            type="number"
            min={1}
            max={600}
            step={5}
            {...fieldProps(idOf("duration"), errors.durationMinutes)}
            name="durationMinutes"
            defaultValue={item?.durationMinutes ?? undefined}
          />
        </Field>
      </div>
      <Field id={idOf("document")} label="Document" errors={errors.documentId}>
        <select className="select" {...fieldProps(idOf("document"), errors.documentId)} name="documentId" defaultValue={item?.documentId ?? ""}>
          <option value="">No document</option>
          {documents.map((document) => (
            <option key={document.id} value={document.id}>{document.title}</option>
          ))}
        </select>
      </Field>
      <div className="row">
        <button className="button button--primary" type="submit" disabled={isPending}>
          {item ? (isPending ? "Saving…" : "Save changes") : isPending ? "Adding…" : "Add to agenda"}
        </button>
        {item && (
          <button className="button" type="button" disabled={isPending} onClick={() => onDone?.("cancelled")}>
            Cancel
          </button>
        )}
        {!item && state.status === "success" && <span className="subtle" role="status">{state.message}</span>}
      </div>
    </form>
  );
}
