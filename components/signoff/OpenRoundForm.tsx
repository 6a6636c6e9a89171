"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";

/** Lets the secretariat open a sign-off round on one of the saved versions (newest first). */
export function OpenRoundForm({ documentId, versions, action }: {
  documentId: string;
  versions: { id: string; label: string }[];
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form className="form" action={formAction} noValidate>
      <input type="hidden" name="documentId" value={documentId} />
      {state.status === "error" && state.message && !state.fieldErrors?.versionId && <div className="alert alert--error" role="alert">{state.message}</div>}
      <Field id="versionId" label="Version to sign off" hint="Every economy's position will be bound to this exact text and its digest." errors={state.fieldErrors?.versionId}>
        <select className="select" {...fieldProps("versionId", state.fieldErrors?.versionId, true)} defaultValue={versions[0]?.id}>
          {versions.map((version) => <option key={version.id} value={version.id}>{version.label}</option>)}
        </select>
      </Field>
      <Field id="dueDate" label="Due date (optional)" hint="Economies without a position are reminded two days before." errors={state.fieldErrors?.dueDate}>
        <input className="input" type="date" {...fieldProps("dueDate", state.fieldErrors?.dueDate, true)} />
      </Field>
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Opening…" : "Open sign-off round"}
      </button>
    </form>
  );
}
