"use client";

import { useState } from "react";
import type { ActionState } from "@/lib/action-state";
import { POSITION_HINT, POSITION_LABEL, SIGN_OFF_POSITIONS, type SignOffPosition } from "@/lib/signoff/positions";
import { Field, fieldProps } from "@/components/ui/Field";
import { useFormAction } from "@/components/meetings/use-form-action";
import styles from "./signoff.module.css";

/**
 * Records a position in an open round. A delegate records for their own economy (the server takes
 * it from the session); with `economies`, the secretariat picks an economy and must say why it
 * records on that economy's behalf. The form is not reset after recording, so the position just
 * recorded stays selected beside "Current position".
 */
export function RecordPositionForm({ roundId, economies, current, submitLabel, action }: {
  roundId: string;
  /** Economies to choose from, for recording on behalf; omit for a delegate. */
  economies?: { code: string; name: string }[];
  current?: { position: SignOffPosition; reservation: string | null; reason: string | null } | null;
  submitLabel: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const { state, isPending, formProps } = useFormAction(action);
  const [position, setPosition] = useState<SignOffPosition | null>(current?.position ?? null);
  const idPrefix = economies ? "behalf" : "own";
  const errors = state.fieldErrors ?? {};
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form className="form" {...formProps}>
      <input type="hidden" name="roundId" value={roundId} />
      {state.status === "error" && state.message && !hasFieldErrors && <div className="alert alert--error" role="alert">{state.message}</div>}
      {state.status === "success" && <div className="alert alert--success" role="status">{state.message}</div>}
      {economies && (
        <Field id={`${idPrefix}-organisationCode`} label="Economy" errors={errors.organisationCode}>
          <select className="select" {...fieldProps(`${idPrefix}-organisationCode`, errors.organisationCode)} name="organisationCode" defaultValue="">
            <option value="" disabled>Choose an economy</option>
            {economies.map((economy) => <option key={economy.code} value={economy.code}>{economy.name}</option>)}
          </select>
        </Field>
      )}
      <fieldset className={styles.positions} aria-describedby={errors.position ? `${idPrefix}-position-error` : undefined}>
        <legend>Position</legend>
        {SIGN_OFF_POSITIONS.map((option) => (
          <label key={option} className={styles.choice}>
            <input
              type="radio"
              name="position"
              value={option}
              checked={position === option}
              onChange={() => setPosition(option)}
              aria-labelledby={`${idPrefix}-${option}-label`}
              aria-describedby={`${idPrefix}-${option}-hint`}
            />
            <span>
              <span className={styles.choiceLabel} id={`${idPrefix}-${option}-label`}>{POSITION_LABEL[option]}</span>
              <span className={styles.choiceHint} id={`${idPrefix}-${option}-hint`}>{POSITION_HINT[option]}</span>
            </span>
          </label>
        ))}
        {errors.position?.map((error) => <span key={error} id={`${idPrefix}-position-error`} className="field__error" role="alert">{error}</span>)}
      </fieldset>
      {position === "APPROVE_WITH_RESERVATION" && (
        <Field id={`${idPrefix}-reservation`} label="Reservation" hint="Required. The other economies read it in the matrix." errors={errors.reservation}>
          <textarea className="textarea" {...fieldProps(`${idPrefix}-reservation`, errors.reservation, true)} name="reservation" required maxLength={4000} defaultValue={current?.reservation ?? ""} />
        </Field>
      )}
      {position === "NOT_READY" && (
        <Field id={`${idPrefix}-reason`} label="Reason (optional)" errors={errors.reason}>
          <textarea className="textarea" {...fieldProps(`${idPrefix}-reason`, errors.reason)} name="reason" maxLength={4000} defaultValue={current?.reason ?? ""} />
        </Field>
      )}
      {economies && (
        <Field id={`${idPrefix}-onBehalfReason`} label="Why are you recording this for the economy?" hint="Required, and shown in the matrix, for example “confirmed by e-mail on 3 June”." errors={errors.onBehalfReason}>
          <input className="input" {...fieldProps(`${idPrefix}-onBehalfReason`, errors.onBehalfReason, true)} name="onBehalfReason" required maxLength={1000} />
        </Field>
      )}
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Recording…" : submitLabel}
      </button>
    </form>
  );
}
