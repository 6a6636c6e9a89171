import type { ActionState } from "@/lib/action-state";

/** The form-level message of a failed server action, announced to screen readers. */
export function FormError({ state }: { state: ActionState }) {
  if (state.status !== "error" || !state.message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {state.message}
    </div>
  );
}
