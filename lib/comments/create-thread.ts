import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { commentBodySchema, quoteSchema, storeMentions, suggestedTextSchema } from "@/lib/comments/comment-body";
import { findDocumentTarget } from "@/lib/comments/targets";
import { THREAD_KINDS, threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";
import { notifyComment } from "@/lib/notifications/notify-comment";

export const createThreadInput = z
  .object({
    kind: z.enum(THREAD_KINDS, { error: "Choose remark, proposal, reservation or question." }),
    quote: quoteSchema,
    body: commentBodySchema,
    suggestedText: suggestedTextSchema.nullish(),
  })
  .superRefine((input, context) => {
    if (input.suggestedText && input.kind !== "PROPOSAL") {
      context.addIssue({ code: "custom", path: ["suggestedText"], message: "Only a proposal carries new wording." });
    }
  });

/**
 * Opens a thread on a passage of a document with its first comment. The thread belongs to the
 * economy (or the secretariat) of the actor's session; a request naming another organisation
 * is refused, not silently corrected.
 */
export async function createThread({
  actor,
  documentId,
  organisationCode,
  ...input
}: { actor: Actor; documentId: string; organisationCode?: unknown } & z.input<typeof createThreadInput>): Promise<ThreadView> {
  authorize(actor, "thread.create", await findDocumentTarget(db(), documentId));
  authorize(actor, "comment.postAs", { organisationCode: organisationCode === undefined ? actor.organisationCode : String(organisationCode) });
  const data = parseInput(createThreadInput, input);

  const thread = await audited(async (transaction, audit) => {
    const created = await transaction.commentThread.create({
      data: {
        documentId,
        organisationCode: actor.organisationCode,
        authorId: actor.id,
        kind: data.kind,
        quote: data.quote,
        suggestedText: data.suggestedText ?? null,
      },
      select: { id: true },
    });
    const comment = await transaction.comment.create({
      data: { threadId: created.id, authorId: actor.id, organisationCode: actor.organisationCode, body: data.body },
      select: { id: true },
    });
    const mentionedUserIds = await storeMentions(transaction, comment.id, data.body);
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "thread.created",
      targetType: "commentThread",
      targetId: created.id,
      data: { documentId, kind: data.kind, commentId: comment.id, hasSuggestion: Boolean(data.suggestedText), mentionedUserIds },
    });
    await notifyComment(transaction, { actor, documentId, threadId: created.id, commentId: comment.id, body: data.body, mentionedUserIds });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: created.id }, include: threadInclude });
  });

  publishDocumentEvent({ type: "thread.created", documentId, threadId: thread.id });
  return toThreadView(thread, actor);
}
