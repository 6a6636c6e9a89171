"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";

/**
 * One button that runs a server action with a few hidden fields, showing the refusal or error
 * next to it. `confirmation` asks before anything irreversible.
 */
export function ActionButton({ action, fields, label, pendingLabel, variant = "", confirmation, testId }: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "" | "primary" | "danger" | "ghost";
  confirmation?: string;
  testId?: string;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirmation && !window.confirm(confirmation)) event.preventDefault();
      }}
      style={{ display: "inline-flex", flexDirection: "column", gap: 4 }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button className={`button button--small${variant ? ` button--${variant}` : ""}`} type="submit" disabled={isPending} data-testid={testId}>
        {isPending ? pendingLabel : label}
      </button>
      {state.status === "error" && state.message && (
        <span className="field__error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
