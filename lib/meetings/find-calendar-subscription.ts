import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

/** This person's active subscription, if any; the link itself cannot be shown again, only its age. */
export async function findCalendarSubscription({ actor }: { actor: Actor }) {
  authorize(actor, "calendar.subscribe", null);
  return db().calendarToken.findFirst({
    where: { userId: actor.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
}
