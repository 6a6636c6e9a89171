import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { commentBodySchema, storeMentions } from "@/lib/comments/comment-body";
import { findThreadTarget } from "@/lib/comments/targets";
import { conversationStatus } from "@/lib/comments/thread-status";
import { threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";
import { notifyComment } from "@/lib/notifications/notify-comment";

export const replyToThreadInput = z.object({ body: commentBodySchema });

const RESOLVED_MESSAGE = "This thread is resolved. Reopen it to continue the discussion.";

/**
 * Adds a reply for the actor's economy (or the secretariat). The thread becomes ANSWERED when
 * the reply comes from another organisation than the one that raised it, and OPEN again when
 * the raising organisation replies (see conversationStatus). Resolved threads take no replies.
 */
export async function replyToThread({
  actor,
  threadId,
  organisationCode,
  ...input
}: { actor: Actor; threadId: string; organisationCode?: unknown } & z.input<typeof replyToThreadInput>): Promise<ThreadView> {
  const target = await findThreadTarget(db(), threadId);
  authorize(actor, "thread.reply", target);
  authorize(actor, "comment.postAs", { organisationCode: organisationCode === undefined ? actor.organisationCode : String(organisationCode) });
  const data = parseInput(replyToThreadInput, input);
  if (target.status === "RESOLVED") throw new AppError("CONFLICT", RESOLVED_MESSAGE);

  const thread = await audited(async (transaction, audit) => {
    const comment = await transaction.comment.create({
      data: { threadId, authorId: actor.id, organisationCode: actor.organisationCode, body: data.body },
      select: { id: true },
    });
    const mentionedUserIds = await storeMentions(transaction, comment.id, data.body);
    const status = await conversationStatus(transaction, target);
    // Conditional on the thread still being unresolved, so a resolve that commits first wins cleanly.
    const { count } = await transaction.commentThread.updateMany({ where: { id: threadId, status: { not: "RESOLVED" } }, data: { status } });
    if (count === 0) throw new AppError("CONFLICT", RESOLVED_MESSAGE);
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "comment.created",
      targetType: "comment",
      targetId: comment.id,
      data: { threadId, status, mentionedUserIds },
    });
    await notifyComment(transaction, { actor, documentId: target.documentId, threadId, commentId: comment.id, body: data.body, mentionedUserIds });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  });

  publishDocumentEvent({ type: "comment.created", documentId: thread.documentId, threadId });
  return toThreadView(thread, actor);
}
