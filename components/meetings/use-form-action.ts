"use client";

import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";

/**
 * Runs a form's server action without React's automatic form reset, so a refused submission
 * keeps what the person typed next to the error; the form clears only when `isResetOnSuccess`.
 * Without JavaScript the form still posts to the same action.
 */
export function useFormAction(action: (state: ActionState, form: FormData) => Promise<ActionState>, { isResetOnSuccess = false } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, isPending] = useActionState(async (previous: ActionState, form: FormData) => {
    const result = await action(previous, form);
    if (result.status === "success" && isResetOnSuccess) formRef.current?.reset();
    return result;
  }, IDLE);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, isPending, formProps: { ref: formRef, action: dispatch, onSubmit: handleSubmit, noValidate: true } };
}
