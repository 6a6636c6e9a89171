import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";
import { findThreadCountsByEconomy, type ThreadCounts } from "@/lib/progress/find-thread-counts";
import { findDocumentTarget } from "@/lib/comments/targets";

/** Open, answered and resolved threads of each economy on one document, for every role. */
export async function summariseThreadsByEconomy({ actor, documentId }: { actor: Actor; documentId: string }): Promise<ThreadCounts[]> {
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  return findThreadCountsByEconomy({ actor, documentId });
}
