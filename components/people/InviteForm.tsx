"use client";

import { useActionState, useState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { organisationsForRole } from "@/lib/organisations/catalogue";
import type { Role } from "@/lib/policy";
import { Field, fieldProps } from "@/components/ui/Field";
import { FormError } from "@/components/ui/FormError";
import { InvitationLink } from "@/components/people/InvitationLink";

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: "DELEGATE", label: "Delegate of an economy" },
  { value: "OBSERVER", label: "Observer (EC, CEFTA, ReSPA)" },
  { value: "SECRETARIAT", label: "RCC secretariat" },
];

export function InviteForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const [role, setRole] = useState<Role>("DELEGATE");
  const organisations = organisationsForRole(role);
  return (
    <form className="form" action={formAction} noValidate>
      <FormError state={state} />
      {state.status === "success" && state.data?.link && (
        <div className="alert alert--success" role="status">
          <p>{state.message}</p>
          <InvitationLink link={state.data.link} />
        </div>
      )}
      <Field id="name" label="Full name" errors={state.fieldErrors?.name}>
        <input className="input" autoComplete="off" {...fieldProps("name", state.fieldErrors?.name)} />
      </Field>
      <Field id="email" label="Email" errors={state.fieldErrors?.email}>
        <input className="input" type="email" autoComplete="off" {...fieldProps("email", state.fieldErrors?.email)} />
      </Field>
      <div className="form-row">
        <Field id="role" label="Role" errors={state.fieldErrors?.role}>
          <select className="select" {...fieldProps("role", state.fieldErrors?.role)} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>{option.label}</option>
            ))}
          </select>
        </Field>
        <Field id="organisationCode" label={role === "DELEGATE" ? "Economy" : "Organisation"} errors={state.fieldErrors?.organisationCode}>
          <select className="select" key={role} {...fieldProps("organisationCode", state.fieldErrors?.organisationCode)} defaultValue={organisations[0]?.code}>
            {organisations.map((organisation) => (
              <option key={organisation.code} value={organisation.code}>{organisation.name}</option>
            ))}
          </select>
        </Field>
      </div>
      <button className="button button--primary" type="submit" disabled={isPending}>
        {isPending ? "Inviting…" : "Invite"}
      </button>
    </form>
  );
}
