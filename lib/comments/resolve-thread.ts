import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { findThreadTarget } from "@/lib/comments/targets";
import { threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";

/** Settles a thread: delegates for their own economy's threads, the secretariat for any. */
export async function resolveThread({ actor, threadId }: { actor: Actor; threadId: string }): Promise<ThreadView> {
  authorize(actor, "thread.resolve", await findThreadTarget(db(), threadId));

  const thread = await audited(async (transaction, audit) => {
    const { count } = await transaction.commentThread.updateMany({
      where: { id: threadId, status: { not: "RESOLVED" } },
      data: { status: "RESOLVED", resolvedAt: new Date(), resolvedById: actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "This thread is already resolved.");
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "thread.resolved", targetType: "commentThread", targetId: threadId });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  });

  publishDocumentEvent({ type: "thread.updated", documentId: thread.documentId, threadId });
  return toThreadView(thread, actor);
}
