"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";

/** Closes an open round or reopens a closed one, after the secretariat confirms. */
export function RoundStatusButton({ roundId, roundNumber, isOpen, action }: {
  roundId: string;
  roundNumber: number;
  isOpen: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const question = isOpen
    ? `Close round ${roundNumber}? The positions recorded in it become final.`
    : `Reopen round ${roundNumber}? Economies will be able to change their positions again.`;
  return (
    <form action={formAction} onSubmit={(event) => { if (!confirm(question)) event.preventDefault(); }}>
      <input type="hidden" name="roundId" value={roundId} />
      <button className={`button button--small ${isOpen ? "button--danger" : ""}`} type="submit" disabled={isPending}>
        {isOpen ? `Close round ${roundNumber}` : `Reopen round ${roundNumber}`}
      </button>
      {state.status === "error" && <span className="field__error" role="alert">{state.message}</span>}
    </form>
  );
}
