"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { FormError } from "@/components/ui/FormError";

export function CreateDocumentForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  return (
    <form className="form" action={formAction} noValidate>
      <FormError state={state} />
      <Field id="title" label="Title" errors={state.fieldErrors?.title}>
        <input className="input" {...fieldProps("title", state.fieldErrors?.title)} required maxLength={200} placeholder="e.g. Annex on trusted lists" />
      </Field>
      <Field id="template" label="Start from" hint="Articles and their paragraphs number themselves as the text changes." errors={state.fieldErrors?.template}>
        <select className="select" {...fieldProps("template", state.fieldErrors?.template, true)} defaultValue="blank">
          <option value="blank">Blank document</option>
          <option value="memorandum">Memorandum structure (preamble and articles)</option>
        </select>
      </Field>
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create document"}
      </button>
    </form>
  );
}
