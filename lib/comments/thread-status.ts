import type { Transaction } from "@/lib/db";

/**
 * The status of a thread that is not resolved follows its conversation: ANSWERED once the latest
 * remaining comment comes from another organisation than the one that raised it (another
 * economy or the secretariat), OPEN while the raising organisation has the last word — it
 * raised the point, or came back to it after an answer. Deleting a reply recomputes it.
 */
export async function conversationStatus(transaction: Transaction, thread: { id: string; organisationCode: string }): Promise<"OPEN" | "ANSWERED"> {
  const latest = await transaction.comment.findFirst({
    where: { threadId: thread.id, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { organisationCode: true },
  });
  return latest && latest.organisationCode !== thread.organisationCode ? "ANSWERED" : "OPEN";
}
