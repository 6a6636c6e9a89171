import { db, type Transaction } from "@/lib/db";
import { notifyActionItem } from "@/lib/notifications/notify-action-item";
import { notifyMeetingEve } from "@/lib/notifications/notify-meeting-eve";
import { notifyRoundDueSoon } from "@/lib/notifications/notify-sign-off";
import { sendDailyDigests } from "@/lib/notifications/send-daily-digests";

const DAY_MS = 24 * 60 * 60_000;
/** Sign-off reminders go out this many days before a round's due date. */
export const SIGN_OFF_REMINDER_DAYS = 2;

/**
 * Everything that is due because time passed: the day-before meeting reminders and briefings,
 * sign-off reminders, action items due tomorrow or overdue, and daily digests. Each notification
 * has an event key, so any number of runs on any number of instances notify each person once.
 */
export async function runScheduledNotifications({ now = new Date() }: { now?: Date } = {}): Promise<void> {
  const meetings = await db().meeting.findMany({
    where: { status: "SCHEDULED", startsAt: { gt: now, lte: new Date(now.getTime() + DAY_MS) } },
    select: { id: true },
  });
  for (const meeting of meetings) await onceAcrossInstances((transaction) => notifyMeetingEve(transaction, { meetingId: meeting.id, now }));

  const rounds = await db().signOffRound.findMany({
    where: { status: "OPEN", dueDate: { not: null, gt: now, lte: new Date(now.getTime() + SIGN_OFF_REMINDER_DAYS * DAY_MS) } },
    select: { id: true },
  });
  for (const round of rounds) await onceAcrossInstances((transaction) => notifyRoundDueSoon(transaction, { roundId: round.id, now }));

  const dueTomorrow = await db().actionItem.findMany({
    where: { status: "OPEN", dueDate: { gt: now, lte: new Date(now.getTime() + DAY_MS) } },
    select: { id: true },
  });
  for (const item of dueTomorrow) await onceAcrossInstances((transaction) => notifyActionItem(transaction, { actionItemId: item.id, moment: "dueTomorrow", now }));
  const overdue = await db().actionItem.findMany({ where: { status: "OPEN", dueDate: { lte: now } }, select: { id: true } });
  for (const item of overdue) await onceAcrossInstances((transaction) => notifyActionItem(transaction, { actionItemId: item.id, moment: "overdue", now }));

  await sendDailyDigests({ now });
}

/**
 * Runs one event's notifications in a transaction. When another instance wrote the same
 * notifications first, the unique (person, event) key makes this transaction fail whole, which
 * is the intended outcome: the people are already notified.
 */
async function onceAcrossInstances(work: (transaction: Transaction) => Promise<void>): Promise<void> {
  try {
    await db().$transaction(work, { maxWait: 10_000, timeout: 20_000 });
  } catch (error) {
    if ((error as { code?: string })?.code !== "P2002") throw error;
  }
}
