"use client";

import type { ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { PartySelect, type PartyChoices } from "@/components/meetings/PartySelect";
import { useFormAction } from "@/components/meetings/use-form-action";
import { FormError } from "@/components/ui/FormError";

/** Records a decision of the meeting. */
export function DecisionForm({ meetingId, action }: { meetingId: string; action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const { state, isPending, formProps } = useFormAction(action, { isResetOnSuccess: true });
  const errors = state.fieldErrors ?? {};
  return (
    <form className="form" {...formProps} aria-label="Record a decision">
      <input type="hidden" name="meetingId" value={meetingId} />
      <FormError state={state} />
      <Field id="decision-text" label="Decision" errors={errors.text}>
        <textarea className="textarea" {...fieldProps("decision-text", errors.text)} name="text" rows={2} maxLength={2000} />
      </Field>
      <div className="row">
        <button className="button button--primary" type="submit" disabled={isPending}>{isPending ? "Recording…" : "Record decision"}</button>
        {state.status === "success" && <span className="subtle" role="status">{state.message}</span>}
      </div>
    </form>
  );
}

/** Records an action item: what, who owns it, by when. */
export function ActionItemForm({ meetingId, action, choices }: {
  meetingId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  choices: PartyChoices;
}) {
  const { state, isPending, formProps } = useFormAction(action, { isResetOnSuccess: true });
  const errors = state.fieldErrors ?? {};
  return (
    <form className="form" {...formProps} aria-label="Record an action item">
      <input type="hidden" name="meetingId" value={meetingId} />
      <FormError state={state} />
      <Field id="action-text" label="Action" errors={errors.text}>
        <input className="input" {...fieldProps("action-text", errors.text)} name="text" maxLength={1000} />
      </Field>
      <div className="form-row">
        <Field id="action-owner" label="Owner" errors={errors.owner}>
          <PartySelect id="action-owner" name="owner" choices={choices} emptyLabel="Choose an owner" errors={errors.owner} />
        </Field>
        <Field id="action-due" label="Due date" errors={errors.dueDate}>
          <input className="input" type="date" {...fieldProps("action-due", errors.dueDate)} name="dueDate" />
        </Field>
      </div>
      <div className="row">
        <button className="button button--primary" type="submit" disabled={isPending}>{isPending ? "Recording…" : "Record action item"}</button>
        {state.status === "success" && <span className="subtle" role="status">{state.message}</span>}
      </div>
    </form>
  );
}
