"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { Field, fieldProps } from "@/components/ui/Field";
import { FormError } from "@/components/ui/FormError";

/**
 * The invited person chooses a password; once it is set, the form signs them in with it, so they
 * do not have to type it again on the sign-in page.
 */
export function AcceptInvitationForm({ token, action, landingPathAction }: {
  token: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  landingPathAction: () => Promise<string>;
}) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState(async (previous: ActionState, form: FormData): Promise<ActionState> => {
    const result = await action(previous, form);
    if (result.status !== "success" || !result.data?.email) return result;
    const signedIn = await signIn("credentials", { email: result.data.email, password: String(form.get("password") ?? ""), redirect: false });
    if (!signedIn || signedIn.error) {
      // The password is set either way; the sign-in page says so.
      router.replace("/login?welcome=1");
      return result;
    }
    router.replace(await landingPathAction());
    router.refresh();
    return result;
  }, IDLE);
  return (
    <form className="form" action={formAction} noValidate>
      <FormError state={state} />
      {state.status === "success" && <div className="alert alert--success" role="status">{state.message}</div>}
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" hint="At least 12 characters; a few unrelated words work well. Common or breached passwords are refused." errors={state.fieldErrors?.password}>
        <input className="input" type="password" autoComplete="new-password" {...fieldProps("password", state.fieldErrors?.password, true)} />
      </Field>
      <Field id="confirmation" label="Repeat the password" errors={state.fieldErrors?.confirmation}>
        <input className="input" type="password" autoComplete="new-password" {...fieldProps("confirmation", state.fieldErrors?.confirmation)} />
      </Field>
      <button className="button button--primary" type="submit" disabled={isPending || state.status === "success"}>
        {isPending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
