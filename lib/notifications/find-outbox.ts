import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

/** Every email Accord produced, newest first, for the secretariat's outbox page (paged). */
export async function findOutbox({ actor, page = 1, pageSize = 30 }: { actor: Actor; page?: number; pageSize?: number }) {
  authorize(actor, "outbox.read", null);
  const [messages, total] = await Promise.all([
    db().outboxMessage.findMany({
      orderBy: { createdAt: "desc" },
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, toAddress: true, kind: true, subject: true, textBody: true, calendarMethod: true, calendar: true,
        status: true, attempts: true, lastError: true, sentAt: true, createdAt: true, coalescedCount: true,
      },
    }),
    db().outboxMessage.count(),
  ]);
  return { messages, total, page, pageSize };
}
