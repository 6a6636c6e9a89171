import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";

export const markNotificationsReadInput = z.object({
  /** One notification, or every unread one when absent. */
  notificationId: z.string().min(1).max(100).optional(),
});

/**
 * Marks the actor's own notification (or all of them) read; another person's is not found.
 * Not audited: it is one person's reading state, not a change to the group's record.
 */
export async function markNotificationsRead({ actor, ...input }: { actor: Actor } & z.input<typeof markNotificationsReadInput>): Promise<{ unread: number }> {
  const { notificationId } = parseInput(markNotificationsReadInput, input);
  authorize(actor, "notification.manage", { userId: actor.id });
  if (notificationId) {
    const notification = await db().notification.findUnique({ where: { id: notificationId }, select: { userId: true } });
    // Another person's notification is answered as missing, so its existence is not revealed.
    authorize(actor, "notification.manage", notification?.userId === actor.id ? notification : undefined);
    await db().notification.updateMany({ where: { id: notificationId, readAt: null }, data: { readAt: new Date() } });
  } else {
    await db().notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  }
  return { unread: await db().notification.count({ where: { userId: actor.id, readAt: null } }) };
}
