"use client";

import type { ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { useFormAction } from "@/components/meetings/use-form-action";
import { FormError } from "@/components/ui/FormError";

/** Calls the meeting off; it stays listed as cancelled, with the reason, and calendars remove it. */
export function CancelMeetingForm({ meetingId, action }: { meetingId: string; action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const { state, isPending, formProps } = useFormAction(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      className="form"
      {...formProps}
      onSubmit={(event) => {
        if (!window.confirm("Cancel this meeting for everyone? This cannot be undone.")) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
    >
      <input type="hidden" name="meetingId" value={meetingId} />
      <FormError state={state} />
      <Field id="reason" label="Reason (shown to everyone)" errors={errors.reason}>
        <input className="input" {...fieldProps("reason", errors.reason)} maxLength={500} />
      </Field>
      <div>
        <button className="button button--danger" type="submit" disabled={isPending}>{isPending ? "Cancelling…" : "Cancel meeting"}</button>
      </div>
    </form>
  );
}
