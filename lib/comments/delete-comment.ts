import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { findCommentTarget } from "@/lib/comments/targets";
import { conversationStatus } from "@/lib/comments/thread-status";
import { threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";

/**
 * Deletes the actor's own comment. The text and mentions are erased; a tombstone keeps its place,
 * author and time in the thread so the conversation around it still reads in order.
 */
export async function deleteComment({ actor, commentId }: { actor: Actor; commentId: string }): Promise<ThreadView> {
  const target = await findCommentTarget(db(), commentId);
  authorize(actor, "comment.delete", target);
  if (target.thread.status === "RESOLVED") throw new AppError("CONFLICT", "This thread is resolved. Reopen it to change its comments.");

  const thread = await audited(async (transaction, audit) => {
    const { count } = await transaction.comment.updateMany({ where: { id: commentId, deletedAt: null }, data: { body: "", deletedAt: new Date() } });
    if (count === 0) throw new AppError("CONFLICT", "This comment was already deleted.");
    await transaction.commentMention.deleteMany({ where: { commentId } });
    const status = await conversationStatus(transaction, target.thread);
    await transaction.commentThread.updateMany({ where: { id: target.thread.id, status: { not: "RESOLVED" } }, data: { status } });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "comment.deleted",
      targetType: "comment",
      targetId: commentId,
      data: { threadId: target.thread.id, status },
    });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: target.thread.id }, include: threadInclude });
  });

  publishDocumentEvent({ type: "comment.deleted", documentId: thread.documentId, threadId: thread.id });
  return toThreadView(thread, actor);
}
