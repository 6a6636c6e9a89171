"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/action-state";
import { acceptInvitation } from "@/lib/people/invitations";

export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await acceptInvitation({
      token: String(form.get("token") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmation: String(form.get("confirmation") ?? ""),
    });
  });
  if (state.status === "success") redirect("/login?welcome=1");
  return state;
}
