import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

/**
 * Every email Accord produced, newest first, for the secretariat's outbox page (paged); with
 * `recipient`, only the emails to addresses containing it ("did the Commission get the invitation?":
 * one meeting's invitations alone can fill a page). Emails made together (one per attendee) share
 * their creation time, so the id breaks the tie: without it the database may order them differently
 * from one page's query to the next.
 */
export async function findOutbox({ actor, page = 1, pageSize = 30, recipient }: { actor: Actor; page?: number; pageSize?: number; recipient?: string }) {
  authorize(actor, "outbox.read", null);
  // Addresses are stored in lower case; `contains` is case-sensitive on PostgreSQL.
  const where = recipient ? { toAddress: { contains: recipient.toLowerCase() } } : {};
  const [messages, total] = await Promise.all([
    db().outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, toAddress: true, kind: true, subject: true, textBody: true, calendarMethod: true, calendar: true,
        status: true, attempts: true, lastError: true, sentAt: true, createdAt: true, coalescedCount: true,
      },
    }),
    db().outboxMessage.count({ where }),
  ]);
  return { messages, total, page, pageSize };
}
