"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";

export function AccountStatusButton({ userId, name, isActive, action }: {
  userId: string;
  name: string;
  isActive: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={(event) => { if (isActive && !confirm(`Deactivate ${name}? They will be signed out everywhere.`)) event.preventDefault(); }}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="activate" value={String(!isActive)} />
      <button className={`button button--small ${isActive ? "button--danger" : ""}`} type="submit" disabled={isPending} aria-label={`${isActive ? "Deactivate" : "Reactivate"} ${name}`}>
        {isActive ? "Deactivate" : "Reactivate"}
      </button>
      {state.status === "error" && <span className="field__error" role="alert">{state.message}</span>}
    </form>
  );
}
