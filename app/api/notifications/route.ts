import { requireActor } from "@/lib/auth/current";
import { findNotifications } from "@/lib/notifications/find-notifications";
import { apiRoute } from "@/lib/http";

/** The signed-in person's notifications, newest first, with the unread count (the bell polls this). */
export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return findNotifications({ actor });
});
