import crypto from "node:crypto";
import { db as processDatabase, type Database } from "@/lib/db";
import { PermanentDeliveryError, type MailTransport } from "@/lib/notifications/mail-transport";

/** How long a claim lasts: an instance that dies mid-send leaves the email to another after this. */
export const CLAIM_MS = 2 * 60_000;
const MAX_ATTEMPTS = 12;

/** Waits before the next try: 30 s, 1 min, 2 min, … up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/**
 * Sends the emails that are due, each claimed first by a conditional update (only one instance's
 * update can match an unclaimed row, on PostgreSQL as on SQLite), then marked sent, retried with
 * backoff, or failed for good. A crash between sending and marking is the one case that can
 * repeat an email; its stable Message-ID lets mail systems recognise the repeat.
 */
export async function deliverDueEmails({ transport, now = new Date(), instanceId = crypto.randomUUID(), batchSize = 20, database = processDatabase() }: {
  transport: MailTransport;
  now?: Date;
  instanceId?: string;
  batchSize?: number;
  /** The instance's own client; tests pass two to act as two instances in one process. */
  database?: Database;
}): Promise<{ sent: number; retried: number; failed: number }> {
  const db = () => database;
  const result = { sent: 0, retried: 0, failed: 0 };
  const candidates = await db().outboxMessage.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
    select: { id: true },
  });
  for (const { id } of candidates) {
    const { count } = await db().outboxMessage.updateMany({
      where: { id, status: "PENDING", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedUntil: new Date(now.getTime() + CLAIM_MS), claimedBy: instanceId },
    });
    if (count === 0) continue; // Another instance has it.
    const email = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    try {
      await transport.send(email);
      await db().outboxMessage.update({
        where: { id },
        data: { status: transport.isStoreOnly ? "STORED" : "SENT", sentAt: new Date(), claimedUntil: null, attempts: email.attempts + 1, lastError: null },
      });
      result.sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const attempts = email.attempts + 1;
      const isPermanent = error instanceof PermanentDeliveryError || attempts >= MAX_ATTEMPTS;
      await db().$transaction(async (transaction) => {
        await transaction.outboxMessage.update({
          where: { id },
          data: isPermanent
            ? { status: "FAILED", attempts, lastError: message, claimedUntil: null }
            : { attempts, lastError: message, claimedUntil: null, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) },
        });
        if (error instanceof PermanentDeliveryError && email.userId) {
          await transaction.user.update({ where: { id: email.userId }, data: { emailFailedAt: new Date(), emailFailure: message } });
        }
      });
      if (isPermanent) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
