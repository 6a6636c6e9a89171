import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor, type Role } from "@/lib/policy";
import { DELIVERIES, NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES, effectiveDelivery, type Delivery, type NotificationKind } from "@/lib/notifications/kinds";
import { readPreferencesToken } from "@/lib/notifications/signed-links";

export type PreferenceView = { kind: NotificationKind; label: string; description: string; delivery: Delivery; isAlwaysOn: boolean };

async function preferencesOf(userId: string, role: Role): Promise<PreferenceView[]> {
  const stored = await db().notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } });
  const byKind = new Map(stored.map((preference) => [preference.kind, preference.delivery]));
  return NOTIFICATION_KIND_NAMES.map((kind) => {
    const definition = NOTIFICATION_KINDS[kind];
    return {
      kind,
      label: definition.label,
      description: definition.description,
      delivery: effectiveDelivery(kind, role, byKind.get(kind)),
      isAlwaysOn: "isAlwaysOn" in definition && definition.isAlwaysOn,
    };
  });
}

/** The actor's delivery choice for every kind (stored or the role's default). */
export async function findNotificationPreferences({ actor }: { actor: Actor }): Promise<PreferenceView[]> {
  authorize(actor, "notification.manage", { userId: actor.id });
  return preferencesOf(actor.id, actor.role);
}

export const setNotificationPreferenceInput = z.object({
  kind: z.enum(NOTIFICATION_KIND_NAMES as [NotificationKind, ...NotificationKind[]], { error: "Unknown kind of notification." }),
  delivery: z.enum(DELIVERIES, { error: "Choose immediately, daily digest or off." }),
});

async function storePreference(userId: string, { kind, delivery }: z.infer<typeof setNotificationPreferenceInput>): Promise<void> {
  if ("isAlwaysOn" in NOTIFICATION_KINDS[kind] && delivery !== "IMMEDIATE") {
    throw new AppError("INVALID_INPUT", `${NOTIFICATION_KINDS[kind].label} are always sent.`, { delivery: ["This kind cannot be changed."] });
  }
  await db().notificationPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, delivery },
    update: { delivery },
  });
}

/**
 * Changes how the actor receives one kind. Not audited: it is a personal setting, not part of
 * the group's record.
 */
export async function setNotificationPreference({ actor, ...input }: { actor: Actor; kind: unknown; delivery: unknown }): Promise<void> {
  authorize(actor, "notification.manage", { userId: actor.id });
  await storePreference(actor.id, parseInput(setNotificationPreferenceInput, input));
}

/** What a signed email link may change: the one kind it was made for, for the one person. */
export async function findPreferenceByToken({ token }: { token: unknown }): Promise<{ userName: string; preference: PreferenceView }> {
  const claim = readPreferencesToken(token);
  if (!claim) throw new AppError("NOT_FOUND", "This link is not valid. Sign in to change your notifications.");
  const user = await db().user.findUnique({ where: { id: claim.userId }, select: { id: true, name: true, role: true, isActive: true } });
  if (!user || !user.isActive) throw new AppError("NOT_FOUND", "This link is not valid. Sign in to change your notifications.");
  const preference = (await preferencesOf(user.id, user.role as Role)).find((entry) => entry.kind === claim.kind)!;
  return { userName: user.name, preference };
}

/** The one-click change from an email footer, without signing in; the token names the person and kind. */
export async function setPreferenceByToken({ token, delivery }: { token: unknown; delivery: unknown }): Promise<void> {
  const claim = readPreferencesToken(token);
  if (!claim) throw new AppError("NOT_FOUND", "This link is not valid. Sign in to change your notifications.");
  const user = await db().user.findUnique({ where: { id: claim.userId }, select: { isActive: true } });
  if (!user?.isActive) throw new AppError("NOT_FOUND", "This link is not valid. Sign in to change your notifications.");
  await storePreference(claim.userId, parseInput(setNotificationPreferenceInput, { kind: claim.kind, delivery }));
}
