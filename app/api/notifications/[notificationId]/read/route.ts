import { requireActor } from "@/lib/auth/current";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { apiRoute } from "@/lib/http";

type Context = { params: Promise<{ notificationId: string }> };

/** Marks one of the signed-in person's notifications read; another person's answers 404/403. */
export const POST = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { notificationId } = await params;
  return markNotificationsRead({ actor, notificationId });
});
