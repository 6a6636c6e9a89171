import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy";

/** The actor's own notifications, newest first, and how many are unread. */
export async function findNotifications({ actor, take = 50 }: { actor: Actor; take?: number }) {
  const [items, unread] = await Promise.all([
    db().notification.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "desc" },
      take,
      select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    }),
    countUnreadNotifications({ actor }),
  ]);
  return { items, unread };
}

/** How many of the actor's notifications are unread (the bell's number). */
export async function countUnreadNotifications({ actor }: { actor: Actor }): Promise<number> {
  return db().notification.count({ where: { userId: actor.id, readAt: null } });
}
