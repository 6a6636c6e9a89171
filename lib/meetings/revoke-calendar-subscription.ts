import { audited } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";

/** Ends this person's subscription link; calendar clients using it get 404 from then on. */
export async function revokeCalendarSubscription({ actor }: { actor: Actor }): Promise<void> {
  authorize(actor, "calendar.subscribe", null);
  await audited(async (transaction, audit) => {
    const active = await transaction.calendarToken.findMany({ where: { userId: actor.id, revokedAt: null }, select: { id: true } });
    if (active.length === 0) throw new AppError("CONFLICT", "You have no active subscription link.");
    await transaction.calendarToken.updateMany({ where: { userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
    for (const { id } of active) {
      await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "calendar.subscriptionRevoked", targetType: "calendarToken", targetId: id });
    }
  });
}
