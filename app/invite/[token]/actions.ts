"use server";

import { runAction, type ActionState } from "@/lib/action-state";
import { acceptInvitation } from "@/lib/people/invitations";

/** Sets the invited person's password; the form then signs them in with it (see AcceptInvitationForm). */
export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { email } = await acceptInvitation({
      token: String(form.get("token") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmation: String(form.get("confirmation") ?? ""),
    });
    return { status: "success", message: "Your password is set. Signing you in…", data: { email } };
  });
}
