"use client";

import { useActionState, useEffect, useRef } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import styles from "./versions.module.css";

/**
 * Saves the live text as a named version. The secretariat chooses between a version for the group
 * and a checkpoint; delegates only save checkpoints, so they get no choice.
 */
export function SaveVersionForm({ documentId, canSaveVersion, action }: {
  documentId: string;
  canSaveVersion: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} className="form" action={formAction} noValidate>
      <input type="hidden" name="documentId" value={documentId} />
      {state.status === "error" && state.message && !state.fieldErrors?.name && <div className="alert alert--error" role="alert">{state.message}</div>}
      {state.status === "success" && <div className="alert alert--success" role="status">{state.message}</div>}
      <Field id="name" label="Name" hint={canSaveVersion ? "For example “Draft 3 — after May 2020 meeting”." : "For example “Albania — before consulting the ministry”."} errors={state.fieldErrors?.name}>
        <input className="input" {...fieldProps("name", state.fieldErrors?.name, true)} required minLength={3} maxLength={200} autoComplete="off" />
      </Field>
      {canSaveVersion ? (
        <fieldset className={styles.fieldset}>
          <legend>Kind</legend>
          <label className={styles.choice}>
            <input type="radio" name="kind" value="version" defaultChecked aria-labelledby="kind-version-label" aria-describedby="kind-version-hint" />
            <span>
              <span id="kind-version-label">Version for the group</span>
              <span className={styles.choiceHint} id="kind-version-hint">A numbered draft the economies can sign off.</span>
            </span>
          </label>
          <label className={styles.choice}>
            <input type="radio" name="kind" value="checkpoint" aria-labelledby="kind-checkpoint-label" aria-describedby="kind-checkpoint-hint" />
            <span>
              <span id="kind-checkpoint-label">Checkpoint</span>
              <span className={styles.choiceHint} id="kind-checkpoint-hint">A marker for reference; no sign-off.</span>
            </span>
          </label>
        </fieldset>
      ) : (
        <input type="hidden" name="kind" value="checkpoint" />
      )}
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : canSaveVersion ? "Save version" : "Save checkpoint"}
      </button>
    </form>
  );
}
