import { audited } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/policy";
import { hashCalendarToken, newCalendarToken } from "@/lib/meetings/calendar-token";

/**
 * Issues a new private subscription link, ending any earlier one. The token is returned once,
 * now, to show to its owner; only its SHA-256 is kept.
 */
export async function createCalendarSubscription({ actor }: { actor: Actor }): Promise<{ token: string }> {
  authorize(actor, "calendar.subscribe", null);
  const token = newCalendarToken();
  await audited(async (transaction, audit) => {
    await transaction.calendarToken.updateMany({ where: { userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const created = await transaction.calendarToken.create({ data: { userId: actor.id, tokenHash: hashCalendarToken(token) }, select: { id: true } });
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "calendar.subscriptionCreated", targetType: "calendarToken", targetId: created.id });
  });
  return { token };
}
