"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import type { Delivery } from "@/lib/notifications/kinds";
import { FormError } from "@/components/ui/FormError";

const CHOICES: { value: Delivery; label: string }[] = [
  { value: "OFF", label: "Stop these emails" },
  { value: "DIGEST", label: "Only in a daily digest" },
  { value: "IMMEDIATE", label: "Send them at once" },
];

/** The choice offered by an email's footer link, for the one kind of email it came with. */
export function TokenPreferenceForm({ token, current, action }: { token: string; current: Delivery; action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="token" value={token} />
      <fieldset className="stack" style={{ border: "none", padding: 0, margin: 0 }}>
        <legend className="visually-hidden">How to receive these emails</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="row">
            <input type="radio" name="delivery" value={choice.value} defaultChecked={choice.value === "OFF"} />
            {choice.label}
            {choice.value === current ? <span className="subtle">(current)</span> : null}
          </label>
        ))}
      </fieldset>
      <FormError state={state} />
      {state.status === "success" && <p className="alert alert--success" role="status">{state.message}</p>}
      <button type="submit" className="button button--primary" disabled={isPending}>Save</button>
    </form>
  );
}
