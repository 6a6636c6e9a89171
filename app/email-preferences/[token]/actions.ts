"use server";

import { runAction, type ActionState } from "@/lib/action-state";
import { setPreferenceByToken } from "@/lib/notifications/preferences";

/** The footer link's change: the signed token says whose preference and which kind; no sign-in needed. */
export async function setPreferenceByTokenAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    await setPreferenceByToken({ token: form.get("token"), delivery: form.get("delivery") });
    return { status: "success", message: "Saved. You can change this again at any time under Notifications in Accord." };
  });
}
