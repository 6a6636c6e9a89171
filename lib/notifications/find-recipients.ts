import type { Transaction } from "@/lib/db";
import type { Recipient } from "@/lib/notifications/notify";
import type { Role } from "@/lib/policy";

const recipientSelect = { id: true, email: true, name: true, role: true } as const;

function asRecipients(rows: { id: string; email: string; name: string; role: string }[]): Recipient[] {
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

/** Active people by id (mentions, thread participants). */
export async function findRecipientsByIds(transaction: Transaction, userIds: string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  return asRecipients(await transaction.user.findMany({ where: { id: { in: [...new Set(userIds)] }, isActive: true }, select: recipientSelect }));
}

/** Active delegates of the given economies (all economies when none are given). */
export async function findDelegates(transaction: Transaction, organisationCodes?: string[]): Promise<Recipient[]> {
  return asRecipients(
    await transaction.user.findMany({
      where: { isActive: true, role: "DELEGATE", ...(organisationCodes ? { organisationCode: { in: organisationCodes } } : {}) },
      select: recipientSelect,
    }),
  );
}

/** Everyone active in the working group: delegates, observers and the secretariat. */
export async function findEveryone(transaction: Transaction): Promise<Recipient[]> {
  return asRecipients(await transaction.user.findMany({ where: { isActive: true }, select: recipientSelect }));
}

/** Active people of the given organisations, whatever their role. */
export async function findMembersOf(transaction: Transaction, organisationCodes: string[]): Promise<Recipient[]> {
  if (organisationCodes.length === 0) return [];
  return asRecipients(await transaction.user.findMany({ where: { isActive: true, organisationCode: { in: organisationCodes } }, select: recipientSelect }));
}
