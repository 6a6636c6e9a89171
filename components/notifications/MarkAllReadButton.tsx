"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormError } from "@/components/ui/FormError";

/** "Mark all as read", with the server's answer shown beside it if it fails. */
export function MarkAllReadButton({ action }: { action: (state: ActionState) => Promise<ActionState> }) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <FormError state={state} />
      <button type="submit" className="button button--small" disabled={isPending}>Mark all as read</button>
    </form>
  );
}
