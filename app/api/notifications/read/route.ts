import { requireActor } from "@/lib/auth/current";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { apiRoute } from "@/lib/http";

/** Marks every one of the signed-in person's notifications read (no body: observers may do it too). */
export const POST = apiRoute(async () => {
  const actor = await requireActor();
  return markNotificationsRead({ actor });
});
