import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { findThreadTarget } from "@/lib/comments/targets";
import { threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";

/** Reopens a resolved thread as OPEN (it needs attention again); the same people who may resolve it may reopen it. */
export async function reopenThread({ actor, threadId }: { actor: Actor; threadId: string }): Promise<ThreadView> {
  authorize(actor, "thread.reopen", await findThreadTarget(db(), threadId));

  const thread = await audited(async (transaction, audit) => {
    const { count } = await transaction.commentThread.updateMany({
      where: { id: threadId, status: "RESOLVED" },
      data: { status: "OPEN", resolvedAt: null, resolvedById: null },
    });
    if (count === 0) throw new AppError("CONFLICT", "This thread is not resolved.");
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "thread.reopened", targetType: "commentThread", targetId: threadId });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  });

  publishDocumentEvent({ type: "thread.updated", documentId: thread.documentId, threadId });
  return toThreadView(thread, actor);
}
