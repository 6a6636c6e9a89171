import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadDocumentState } from "@/lib/documents/live-state";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { threadInclude, threadTarget, toThreadView, type ThreadView } from "@/lib/comments/thread-view";
import { notifyProposalApplied } from "@/lib/notifications/notify-comment";

const sameWording = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * Records that the secretariat applied a proposal's wording, and resolves the thread. The browser
 * replaces the passage through the live collaborative document (keeping the thread's mark on the
 * new words, so the thread stays linked to them) and calls this once that edit is stored; this
 * checks the stored document really carries the proposed wording at the thread's anchor before
 * saying so, so "applied" is never claimed for text that is not in the shared document.
 */
export async function applySuggestion({ actor, threadId }: { actor: Actor; threadId: string }): Promise<ThreadView> {
  const thread = await db().commentThread.findUnique({ where: { id: threadId } });
  if (!thread) throw new AppError("NOT_FOUND");
  authorize(actor, "thread.applySuggestion", threadTarget(thread));
  if (thread.kind !== "PROPOSAL" || thread.suggestedText === null) throw new AppError("CONFLICT", "This thread proposes no wording to apply.");
  if (thread.appliedAt) throw new AppError("CONFLICT", "This proposal was already applied.");

  const live = await loadDocumentState(thread.documentId);
  const anchor = live ? findThreadAnchors(live.state).get(threadId) : undefined;
  if (!anchor) throw new AppError("CONFLICT", "The passage of this proposal is no longer in the document.");
  if (!sameWording(anchor.text, thread.suggestedText)) {
    throw new AppError("CONFLICT", "The document does not show the proposed wording at this passage yet. Replace the passage in the editor, then try again.");
  }

  const applied = await audited(async (transaction, audit) => {
    const now = new Date();
    const { count } = await transaction.commentThread.updateMany({
      where: { id: threadId, appliedAt: null },
      data: { appliedAt: now, status: "RESOLVED", resolvedAt: thread.resolvedAt ?? now, resolvedById: thread.resolvedById ?? actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "This proposal was already applied.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "thread.suggestionApplied",
      targetType: "commentThread",
      targetId: threadId,
      data: { documentId: thread.documentId, previousText: thread.quote, appliedText: thread.suggestedText },
    });
    await notifyProposalApplied(transaction, {
      actorId: actor.id,
      documentId: thread.documentId,
      threadId,
      organisationCode: thread.organisationCode,
      suggestedText: thread.suggestedText ?? "",
    });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  });

  publishDocumentEvent({ type: "thread.updated", documentId: applied.documentId, threadId });
  return toThreadView(applied, actor);
}
