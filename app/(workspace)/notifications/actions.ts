"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth/current";
import { findNotifications } from "@/lib/notifications/find-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { setNotificationPreference } from "@/lib/notifications/preferences";

export async function markAllReadAction(): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await markNotificationsRead({ actor });
    revalidatePath("/notifications");
  });
}

/** Marks one notification read and goes to the place it is about. */
export async function openNotificationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const notificationId = String(form.get("notificationId") ?? "");
    await markNotificationsRead({ actor, notificationId });
    const { items } = await findNotifications({ actor, take: 200 });
    const link = items.find((item) => item.id === notificationId)?.link ?? "/notifications";
    // Links are stored as paths inside Accord; anything else goes to the list.
    redirect(link.startsWith("/") && !link.startsWith("//") ? link : "/notifications");
  });
}

export async function setPreferenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await setNotificationPreference({ actor, kind: form.get("kind"), delivery: form.get("delivery") });
    revalidatePath("/notifications");
    return { status: "success", message: "Saved." };
  });
}
