"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { FormError } from "@/components/ui/FormError";

export function AcceptInvitationForm({ token, action }: {
  token: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form className="form" action={formAction} noValidate>
      <FormError state={state} />
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" hint="At least 12 characters; a few unrelated words work well. Common or breached passwords are refused." errors={state.fieldErrors?.password}>
        <input className="input" type="password" autoComplete="new-password" {...fieldProps("password", state.fieldErrors?.password, true)} />
      </Field>
      <Field id="confirmation" label="Repeat the password" errors={state.fieldErrors?.confirmation}>
        <input className="input" type="password" autoComplete="new-password" {...fieldProps("confirmation", state.fieldErrors?.confirmation)} />
      </Field>
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
