"use client";

import type { ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { PartySelect, type PartyChoices } from "@/components/meetings/PartySelect";
import { useFormAction } from "@/components/meetings/use-form-action";
import { FormError } from "@/components/ui/FormError";

/** Adds an item at the end of the agenda. */
export function AgendaItemForm({ meetingId, action, choices, documents }: {
  meetingId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  choices: PartyChoices;
  documents: { id: string; title: string }[];
}) {
  const { state, isPending, formProps } = useFormAction(action, { isResetOnSuccess: true });
  const errors = state.fieldErrors ?? {};
  return (
    <form className="form" {...formProps} aria-label="Add an agenda item">
      <input type="hidden" name="meetingId" value={meetingId} />
      <FormError state={state} />
      <Field id="agenda-title" label="Item" errors={errors.title}>
        <input className="input" {...fieldProps("agenda-title", errors.title)} name="title" maxLength={300} />
      </Field>
      <div className="form-row">
        <Field id="agenda-presenter" label="Presenter" errors={errors.presenter}>
          <PartySelect id="agenda-presenter" name="presenter" choices={choices} emptyLabel="No presenter" errors={errors.presenter} />
        </Field>
        <Field id="agenda-duration" label="Duration (minutes)" errors={errors.durationMinutes}>
          <input className="input" type="number" min={1} max={600} step={5} {...fieldProps("agenda-duration", errors.durationMinutes)} name="durationMinutes" />
        </Field>
      </div>
      <Field id="agenda-document" label="Document" errors={errors.documentId}>
        <select className="select" {...fieldProps("agenda-document", errors.documentId)} name="documentId" defaultValue="">
          <option value="">No document</option>
          {documents.map((document) => (
            <option key={document.id} value={document.id}>{document.title}</option>
          ))}
        </select>
      </Field>
      <div className="row">
        <button className="button button--primary" type="submit" disabled={isPending}>
          {isPending ? "Adding…" : "Add to agenda"}
        </button>
        {state.status === "success" && <span className="subtle" role="status">{state.message}</span>}
      </div>
    </form>
  );
}
