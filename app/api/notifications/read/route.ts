import { requireActor } from "@/lib/auth/current";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { apiRoute, readJsonBody } from "@/lib/http";

/** Marks one of the signed-in person's notifications read (`{ notificationId }`), or all of them (`{}`). */
export const POST = apiRoute(async (request) => {
  const actor = await requireActor();
  const body = await readJsonBody(request);
  return markNotificationsRead({ actor, notificationId: body.notificationId as string | undefined });
});
