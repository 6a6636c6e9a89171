import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishAccessChange } from "@/lib/realtime/access-events";

/** Everyone with an account, for the secretariat's People page. */
export async function findPeople({ actor }: { actor: Actor }) {
  authorize(actor, "user.list", null);
  return db().user.findMany({
    orderBy: [{ organisation: { sortOrder: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      organisationCode: true,
      isActive: true,
      passwordHash: true,
      createdAt: true,
      deactivatedAt: true,
      emailFailedAt: true,
      emailFailure: true,
    },
  }).then((people) => people.map(({ passwordHash, ...person }) => ({ ...person, hasPassword: passwordHash !== null })));
}

const userIdSchema = z.object({ userId: z.string().min(1).max(100) });

/** Closes an account: it can no longer sign in and its open sessions end at once. */
export async function deactivateUser({ actor, ...input }: { actor: Actor; userId: string }): Promise<void> {
  const { userId } = parseInput(userIdSchema, input);
  const user = (await db().user.findUnique({ where: { id: userId }, select: { id: true, role: true, organisationCode: true, isActive: true } })) ?? undefined;
  authorize(actor, "user.deactivate", user);
  if (!user.isActive) throw new AppError("CONFLICT", "This account is already deactivated.");
  await audited(async (transaction, audit) => {
    await transaction.user.update({ where: { id: userId }, data: { isActive: false, deactivatedAt: new Date() } });
    await transaction.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "user.deactivated", targetType: "user", targetId: userId });
  });
  // Their open editors close now, on every instance, not at the next periodic re-check.
  publishAccessChange({ scope: "user", userId });
}

/** Reopens a deactivated account. */
export async function reactivateUser({ actor, ...input }: { actor: Actor; userId: string }): Promise<void> {
  const { userId } = parseInput(userIdSchema, input);
  const user = (await db().user.findUnique({ where: { id: userId }, select: { id: true, role: true, organisationCode: true, isActive: true } })) ?? undefined;
  authorize(actor, "user.deactivate", user);
  if (user.isActive) throw new AppError("CONFLICT", "This account is already active.");
  await audited(async (transaction, audit) => {
    await transaction.user.update({ where: { id: userId }, data: { isActive: true, deactivatedAt: null } });
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "user.reactivated", targetType: "user", targetId: userId });
  });
}
