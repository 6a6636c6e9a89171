import * as Y from "yjs";
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { checkUpdate } from "@/lib/collab/update-check";
import { findDocumentTarget } from "@/lib/comments/targets";
import { threadInclude, threadTarget, toThreadView, type ThreadView } from "@/lib/comments/thread-view";
import { db } from "@/lib/db";
import { loadDocumentState } from "@/lib/documents/live-state";
import { suggestionAttributesSchema } from "@/lib/editor/suggestion-marks";
import { AppError, parseInput } from "@/lib/errors";
import { notifyProposalTurnedIntoSuggestion } from "@/lib/notifications/notify-comment";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { publishDocumentEvent } from "@/lib/realtime/document-events";
import { publishStoredUpdate } from "@/lib/realtime/stored-updates";
import { buildProposalSuggestion, proposalSuggestionId } from "@/lib/suggestions/proposal-suggestion";

export const turnProposalIntoSuggestionInput = z.object({ threadId: z.string().min(1).max(64) });

const RESOLVED_MESSAGE = "This thread is resolved. Reopen it first if its proposal should still go into the text.";

/**
 * The secretariat turns a proposal comment into a suggestion in the shared text, in the name of
 * the economy that proposed it: its passage is marked for deletion and its wording inserted as a
 * suggestion (one id, the proposer's identity and economy), to be accepted or rejected later like
 * any suggestion. Unlike applying the proposal, nothing is decided yet.
 *
 * It writes to the live document the way replacing a text from Word does: one Yjs update computed
 * against the stored state and checked like any edit is appended to the document's log, in one
 * transaction with the thread's resolution, a reply saying what happened, the audit event and the
 * proposing economy's notification; it is then published so every instance's collaboration server
 * applies it to its open copy. This works in open drafting as in negotiation: suggestions are
 * marks any document may carry.
 */
export async function turnProposalIntoSuggestion({ actor, ...input }: { actor: Actor } & z.input<typeof turnProposalIntoSuggestionInput>): Promise<ThreadView> {
  const { threadId } = parseInput(turnProposalIntoSuggestionInput, input);
  const proposal = await db().commentThread.findUnique({ where: { id: threadId }, include: { author: { select: { name: true } } } });
  if (!proposal) throw new AppError("NOT_FOUND");
  const document = await findDocumentTarget(db(), proposal.documentId);
  const target = document && { thread: threadTarget(proposal), document };
  authorize(actor, "thread.turnIntoSuggestion", target);
  const wording = proposal.suggestedText;
  if (proposal.kind !== "PROPOSAL" || wording === null) throw new AppError("CONFLICT", "This thread proposes no wording to turn into a suggestion.");
  if (proposal.appliedAt) throw new AppError("CONFLICT", "This proposal was already applied to the text.");
  const loaded = await loadDocumentState(proposal.documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  // Attributed to who proposed it, never to the secretariat who puts it in the text. Its time is the proposal's.
  const attributes = suggestionAttributesSchema.parse({
    id: proposalSuggestionId(threadId),
    authorId: proposal.authorId,
    authorName: proposal.author.name,
    organisationCode: proposal.organisationCode,
    createdAt: proposal.createdAt.toISOString(),
  });
  const built = buildProposalSuggestion({ state: loaded.state, threadId, wording, attributes });
  // Before the status: a reopened thread whose suggestion is in the text (or already decided) says so, not "reopen it".
  const isDecided = (await db().suggestion.count({ where: { id: attributes.id } })) > 0;
  if (isDecided || (!built.isBuilt && built.problem === "alreadySuggested")) throw new AppError("CONFLICT", "This proposal was already turned into a suggestion in the text.");
  if (proposal.status === "RESOLVED") throw new AppError("CONFLICT", RESOLVED_MESSAGE);
  if (!built.isBuilt) {
    throw new AppError(
      "CONFLICT",
      built.problem === "passageMissing"
        ? "The passage of this proposal is no longer in the document, so there is nothing to mark. Resolve the thread, or make the change by hand."
        : "This passage spans several paragraphs or pieces; make the change by hand in Suggesting mode, then resolve the thread.",
    );
  }
  const current = new Y.Doc();
  Y.applyUpdate(current, loaded.state);
  // The same schema check as every edit from an editor, so the stored text stays one the editor opens.
  const verdict = checkUpdate({ document: current, update: built.update, actor, target: target.document });
  if (!verdict.isAccepted) throw new Error(`The proposal's suggestion does not fit the document structure (${verdict.detail})`);

  const economy = getOrganisation(proposal.organisationCode).shortName;
  const updated = await audited(async (transaction, audit) => {
    const now = new Date();
    // Conditional, so a resolution, an application or a second conversion that commits first wins cleanly.
    const { count } = await transaction.commentThread.updateMany({
      where: { id: threadId, status: { not: "RESOLVED" }, appliedAt: null },
      data: { status: "RESOLVED", resolvedAt: now, resolvedById: actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", RESOLVED_MESSAGE);
    const note = await transaction.comment.create({
      data: {
        threadId,
        authorId: actor.id,
        organisationCode: actor.organisationCode,
        body: `Turned into a suggestion in the text, in the name of ${proposal.author.name} (${economy}). It is accepted or rejected like any other suggestion.`,
      },
      select: { id: true },
    });
    await transaction.documentUpdate.create({ data: { documentId: proposal.documentId, update: Buffer.from(built.update), userId: actor.id }, select: { id: true } });
    await transaction.document.update({ where: { id: proposal.documentId }, data: { lastEditedAt: now, lastEditedById: actor.id }, select: { id: true } });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "thread.turnedIntoSuggestion",
      targetType: "commentThread",
      targetId: threadId,
      data: {
        documentId: proposal.documentId,
        suggestionId: attributes.id,
        economy: proposal.organisationCode,
        authorId: proposal.authorId,
        authorName: proposal.author.name,
        deleted: built.passage,
        inserted: wording,
        commentId: note.id,
      },
    });
    await notifyProposalTurnedIntoSuggestion(transaction, { actorId: actor.id, documentId: proposal.documentId, threadId, organisationCode: proposal.organisationCode, suggestedText: wording });
    return transaction.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  });

  publishStoredUpdate({ documentId: proposal.documentId, update: built.update });
  publishDocumentEvent({ type: "thread.updated", documentId: proposal.documentId, threadId });
  return toThreadView(updated, actor);
}
