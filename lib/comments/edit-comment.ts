import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { commentBodySchema, storeMentions } from "@/lib/comments/comment-body";
import { findCommentTarget } from "@/lib/comments/targets";
import { threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";

export const editCommentInput = z.object({ body: commentBodySchema });

/** Changes the text of the actor's own comment; the comment then shows as edited. A resolved thread's record stays as it was settled. */
export async function editComment({ actor, commentId, ...input }: { actor: Actor; commentId: string } & z.input<typeof editCommentInput>): Promise<ThreadView> {
  const target = await findCommentTarget(db(), commentId);
  authorize(actor, "comment.edit", target);
  const data = parseInput(editCommentInput, input);
  if (target.thread.status === "RESOLVED") throw new AppError("CONFLICT", "This thread is resolved. Reopen it to change its comments.");

  const thread = await audited(async (transaction, audit) => {
    if (data.body !== target.body) {
      // Conditional on the comment still being there: a delete that commits first wins.
      const { count } = await transaction.comment.updateMany({ where: { id: commentId, deletedAt: null }, data: { body: data.body, editedAt: new Date() } });
      if (count === 0) throw new AppError("CONFLICT", "This comment was deleted.");
      const mentionedUserIds = await storeMentions(transaction, commentId, data.body);
      await audit({
        actorId: actor.id,
        organisationCode: actor.organisationCode,
        action: "comment.edited",
        targetType: "comment",
        targetId: commentId,
        data: { threadId: target.thread.id, mentionedUserIds },
      });
    }
    return transaction.commentThread.findUniqueOrThrow({ where: { id: target.thread.id }, include: threadInclude });
  });

  publishDocumentEvent({ type: "comment.updated", documentId: thread.documentId, threadId: thread.id });
  return toThreadView(thread, actor);
}
