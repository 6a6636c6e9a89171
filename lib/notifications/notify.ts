import type { Transaction } from "@/lib/db";
import type { Role } from "@/lib/policy";
import { composeEmail, headerSafe, mailAppUrl } from "@/lib/notifications/mail-content";
import { NOTIFICATION_KINDS, effectiveDelivery, type NotificationKind } from "@/lib/notifications/kinds";
import { preferencesToken } from "@/lib/notifications/signed-links";

export type Recipient = { id: string; email: string; name: string; role: Role };

export type CalendarAttachment = { method: "REQUEST" | "CANCEL"; content: string };

export type NotificationInput = {
  kind: NotificationKind;
  recipients: Recipient[];
  /** The person who caused it; nobody is notified of their own action. */
  actorId?: string | null;
  /** Names the cause; with the recipient it makes the notification unique. */
  eventKey: string;
  title: string;
  paragraphs: string[];
  /** Path inside Accord, e.g. `/documents/abc?thread=xyz`. */
  link: string;
  linkLabel: string;
  calendar?: CalendarAttachment;
  /** Merge unsent emails of this kind to the same person into one (a flood of mentions). */
  coalesce?: boolean;
  now?: Date;
};

/** How long a coalescing email waits for more of its kind before it is sent. */
export const COALESCE_WINDOW_MS = 60_000;

/**
 * Records a notification for each recipient in the caller's transaction, so it exists exactly
 * when the event does (an outbox): the bell entry, and the email queued for the worker when the
 * person wants it at once, or marked for their daily digest.
 */
export async function notify(transaction: Transaction, input: NotificationInput): Promise<void> {
  const now = input.now ?? new Date();
  const recipients = dedupeRecipients(input.recipients).filter((recipient) => recipient.id !== input.actorId);
  if (recipients.length === 0) return;
  const stored = await transaction.notificationPreference.findMany({
    where: { kind: input.kind, userId: { in: recipients.map((recipient) => recipient.id) } },
    select: { userId: true, delivery: true },
  });
  const storedByUser = new Map(stored.map((preference) => [preference.userId, preference.delivery]));
  const appUrl = mailAppUrl();
  for (const recipient of recipients) {
    const delivery = effectiveDelivery(input.kind, recipient.role, storedByUser.get(recipient.id));
    if (delivery === "OFF") continue;
    const eventKey = `${input.kind}:${input.eventKey}`;
    const existing = await transaction.notification.findUnique({ where: { userId_eventKey: { userId: recipient.id, eventKey } }, select: { id: true } });
    if (existing) continue;
    const notification = await transaction.notification.create({
      data: {
        userId: recipient.id,
        kind: input.kind,
        title: headerSafe(input.title, 300),
        body: input.paragraphs.join("\n\n"),
        link: input.link,
        eventKey,
        emailState: delivery === "IMMEDIATE" ? "QUEUED" : "DIGEST",
        createdAt: now,
      },
      select: { id: true },
    });
    if (delivery !== "IMMEDIATE") continue;
    const preferencesUrl = `${appUrl}/email-preferences/${preferencesToken({ userId: recipient.id, kind: input.kind })}`;
    const email = composeEmail({
      recipientName: recipient.name,
      subject: input.title,
      paragraphs: input.paragraphs,
      linkUrl: `${appUrl}${input.link}`,
      linkLabel: input.linkLabel,
      reason: `You receive this because of your Accord setting for "${NOTIFICATION_KINDS[input.kind].label}".`,
      preferencesUrl,
    });
    const coalesceKey = input.coalesce ? `${input.kind}:${recipient.id}` : null;
    if (coalesceKey && (await mergeIntoPendingEmail(transaction, { coalesceKey, email, now }))) continue;
    await transaction.outboxMessage.create({
      data: {
        userId: recipient.id,
        toAddress: recipient.email,
        kind: input.kind,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        calendarMethod: input.calendar?.method ?? null,
        calendar: input.calendar?.content ?? null,
        headers: JSON.stringify({ "List-Unsubscribe": `<${preferencesUrl}>` }),
        coalesceKey,
        dedupeKey: `notification:${notification.id}`,
        nextAttemptAt: coalesceKey ? new Date(now.getTime() + COALESCE_WINDOW_MS) : now,
        createdAt: now,
      },
    });
  }
}

/**
 * Appends to an unsent, unclaimed email with the same coalescing key. The update is conditional,
 * so a worker that claims the email meanwhile makes it miss, and a new email is queued instead.
 */
async function mergeIntoPendingEmail(transaction: Transaction, { coalesceKey, email, now }: { coalesceKey: string; email: { subject: string; text: string; html: string }; now: Date }): Promise<boolean> {
  const pending = await transaction.outboxMessage.findFirst({
    where: { coalesceKey, status: "PENDING", claimedUntil: null, attempts: 0 },
    orderBy: { createdAt: "desc" },
    select: { id: true, coalescedCount: true, textBody: true, htmlBody: true, createdAt: true },
  });
  if (!pending) return false;
  const count = pending.coalescedCount + 1;
  const { count: updated } = await transaction.outboxMessage.updateMany({
    where: { id: pending.id, status: "PENDING", claimedUntil: null, coalescedCount: pending.coalescedCount },
    data: {
      coalescedCount: count,
      subject: headerSafe(`${count} new notifications: ${email.subject}`),
      textBody: `${pending.textBody}\n\n====\n\n${email.text}`,
      htmlBody: `${pending.htmlBody}\n<hr>\n${email.html}`,
      // Each mention waits a little for the next, but a steady flood still goes out within a few windows.
      nextAttemptAt: new Date(Math.min(now.getTime() + COALESCE_WINDOW_MS, pending.createdAt.getTime() + 5 * COALESCE_WINDOW_MS)),
    },
  });
  return updated === 1;
}

function dedupeRecipients(recipients: Recipient[]): Recipient[] {
  return [...new Map(recipients.map((recipient) => [recipient.id, recipient])).values()];
}
