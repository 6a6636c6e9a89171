"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/action-state";
import { requestAppUrl } from "@/lib/app-url";
import { requireActor } from "@/lib/auth/current";
import { deactivateUser, reactivateUser } from "@/lib/people/accounts";
import { inviteUser } from "@/lib/people/invitations";

export async function inviteUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { token } = await inviteUser({
      actor,
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "") as "DELEGATE",
      organisationCode: String(form.get("organisationCode") ?? ""),
    });
    revalidatePath("/people");
    return {
      status: "success",
      message: "Invitation created. Send this one-time link to the person; it works for 14 days.",
      data: { link: `${await requestAppUrl()}/invite/${token}` },
    };
  });
}

export async function setAccountActiveAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const userId = String(form.get("userId") ?? "");
    if (form.get("activate") === "true") await reactivateUser({ actor, userId });
    else await deactivateUser({ actor, userId });
    revalidatePath("/people");
  });
}
