import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { composeEmail, mailAppUrl } from "@/lib/notifications/mail-content";

/** The working group's day, for daily digests: Belgrade time, where the secretariat sits. */
export function digestDay(now: Date): { date: string; isPastSendingHour: boolean } {
  const local = DateTime.fromJSDate(now, { zone: "Europe/Belgrade" });
  return { date: local.toISODate()!, isPastSendingHour: local.hour >= 7 };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

/**
 * Once a day (from 07:00 Belgrade time), one email per person with every notification they asked
 * to receive as a digest. The digest's key is the person and the day, unique in the outbox, so two
 * instances running this at once queue it once: the second transaction fails and changes nothing.
 */
export async function sendDailyDigests({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { date, isPastSendingHour } = digestDay(now);
  if (!isPastSendingHour) return 0;
  const waiting = await db().notification.groupBy({ by: ["userId"], where: { emailState: "DIGEST", createdAt: { lte: now } } });
  let queued = 0;
  for (const { userId } of waiting) {
    const dedupeKey = `digest:${userId}:${date}`;
    if (await db().outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
    try {
      await db().$transaction(async (transaction) => {
        const user = await transaction.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, isActive: true } });
        const items = await transaction.notification.findMany({ where: { userId, emailState: "DIGEST", createdAt: { lte: now } }, orderBy: { createdAt: "asc" } });
        await transaction.notification.updateMany({ where: { id: { in: items.map((item) => item.id) } }, data: { emailState: "DIGESTED" } });
        if (!user.isActive || items.length === 0) return;
        const appUrl = mailAppUrl();
        const email = composeEmail({
          recipientName: user.name,
          subject: `Accord daily digest: ${items.length} update${items.length === 1 ? "" : "s"}`,
          paragraphs: items.map((item) => `${item.title}\n${appUrl}${item.link}`),
          linkUrl: `${appUrl}/notifications`,
          linkLabel: "All your notifications",
          reason: "You receive this digest because you chose daily digests for some notifications.",
          preferencesUrl: `${appUrl}/notifications#preferences`,
        });
        await transaction.outboxMessage.create({
          data: { userId, toAddress: user.email, kind: "digest", subject: email.subject, textBody: email.text, htmlBody: email.html, dedupeKey, createdAt: now, nextAttemptAt: now },
        });
        queued++;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return queued;
}
