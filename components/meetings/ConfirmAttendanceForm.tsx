"use client";

import type { ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { useFormAction } from "@/components/meetings/use-form-action";
import styles from "@/components/meetings/meetings.module.css";
import { FormError } from "@/components/ui/FormError";

/** A delegate tells the secretariat ahead of time whether their economy will take part. */
export function ConfirmAttendanceForm({ meetingId, economyName, currentStatus, participants, action }: {
  meetingId: string;
  economyName: string;
  currentStatus: string;
  participants: string | null;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const { state, isPending, formProps } = useFormAction(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form className="form" {...formProps} aria-label={`Participation of ${economyName}`}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <FormError state={state} />
      {state.status === "success" && <div className="alert alert--success" role="status">{state.message}</div>}
      <fieldset className={styles.formatChoices}>
        <legend>Will {economyName} take part?</legend>
        <label className={styles.formatChoice}>
          <input type="radio" name="status" value="CONFIRMED" defaultChecked={currentStatus !== "APOLOGIES"} /> Yes, we will attend
        </label>
        <label className={styles.formatChoice}>
          <input type="radio" name="status" value="APOLOGIES" defaultChecked={currentStatus === "APOLOGIES"} /> No, we send apologies
        </label>
      </fieldset>
      <Field id="confirm-participants" label="Who will attend" hint="Names of your delegation, if known." errors={errors.participants}>
        <input className="input" {...fieldProps("confirm-participants", errors.participants, true)} name="participants" defaultValue={participants ?? ""} maxLength={500} />
      </Field>
      <div>
        <button className="button button--primary" type="submit" disabled={isPending}>{isPending ? "Sending…" : "Send our answer"}</button>
      </div>
    </form>
  );
}
