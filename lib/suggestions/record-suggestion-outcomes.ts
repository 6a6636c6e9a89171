import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, type Actor } from "@/lib/policy";
import { findStoredSuggestions } from "@/lib/suggestions/find-open-suggestions";
import { notifySuggestionsDecided } from "@/lib/notifications/notify-comment";

export const suggestionOutcomeInput = z.object({
  suggestionIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one suggestion.").max(500),
  outcome: z.enum(["ACCEPTED", "REJECTED", "WITHDRAWN"]),
});
export type SuggestionOutcomeInput = z.infer<typeof suggestionOutcomeInput>;

export type RecordedOutcome = { id: string; status: "ACCEPTED" | "REJECTED" | "WITHDRAWN"; organisationCode: string };

const AUDIT_ACTION = { ACCEPTED: "suggestion.accepted", REJECTED: "suggestion.rejected", WITHDRAWN: "suggestion.withdrawn" } as const;

/**
 * Records the secretariat's acceptance or rejection of suggestions, or an author's withdrawal of
 * their own, each with its audit event (the suggestion's text and economy; for a note's new wording
 * both wordings) in one transaction.
 *
 * Who proposed what is read from the stored shared text, never from the request. The browser that
 * decides applies the change to the shared text right after (lib/editor/suggestion-decisions.ts);
 * should it be closed first, the next editor of that person applies recorded outcomes still in the
 * text (components/suggestions/SuggestionsPanel.tsx), so the record and the text always converge.
 */
export async function recordSuggestionOutcomes({ actor, documentId, suggestionIds, outcome }: { actor: Actor; documentId: string } & SuggestionOutcomeInput): Promise<RecordedOutcome[]> {
  const target = await findDocumentTarget(db(), documentId);
  authorize(actor, "document.read", target);
  const inText = new Map((await findStoredSuggestions(documentId)).map((suggestion) => [suggestion.id, suggestion]));
  const chosen = [...new Set(suggestionIds)].map((id) => {
    const suggestion = inText.get(id);
    if (!suggestion) throw new AppError("CONFLICT", "A chosen suggestion is no longer in the text (it may have been decided or withdrawn already). Reload and try again.");
    return suggestion;
  });
  for (const suggestion of chosen) {
    if (outcome === "WITHDRAWN") authorize(actor, "suggestion.withdraw", { document: target, authorId: suggestion.authorId, organisationCode: suggestion.organisationCode });
    else authorize(actor, "suggestion.decide", target);
  }

  return audited(async (transaction, audit) => {
    const decided = await transaction.suggestion.findMany({ where: { id: { in: chosen.map((suggestion) => suggestion.id) } }, select: { id: true } });
    if (decided.length) throw new AppError("CONFLICT", "A chosen suggestion was already decided. Reload and try again.");
    const decidedAt = new Date();
    for (const suggestion of chosen) {
      const createdAt = new Date(suggestion.createdAt);
      await transaction.suggestion.create({
        data: {
          id: suggestion.id,
          documentId,
          organisationCode: suggestion.organisationCode,
          authorId: suggestion.authorId,
          authorName: suggestion.authorName,
          inserted: suggestion.inserted,
          deleted: suggestion.deleted,
          status: outcome,
          decidedById: actor.id,
          decidedAt,
          createdAt: Number.isNaN(createdAt.getTime()) ? decidedAt : createdAt,
        },
      });
      await audit({
        actorId: actor.id,
        organisationCode: actor.organisationCode,
        action: AUDIT_ACTION[outcome],
        targetType: "suggestion",
        targetId: suggestion.id,
        data: {
          documentId,
          economy: suggestion.organisationCode,
          authorName: suggestion.authorName,
          inserted: suggestion.inserted,
          deleted: suggestion.deleted,
          // A suggestion on a paragraph's form has no words of its own: this says what it changes ("Article heading: ‘…’").
          ...(suggestion.change ? { change: suggestion.change } : {}),
          // A note's new wording in full (the change above cuts long wordings short).
          ...(suggestion.rewordings.length ? { notes: suggestion.rewordings.map(({ wording, proposed }) => ({ wording, proposed })) } : {}),
        },
      });
    }
    if (outcome !== "WITHDRAWN") await notifySuggestionsDecided(transaction, { actorId: actor.id, documentId, outcome, suggestions: chosen });
    return chosen.map((suggestion) => ({ id: suggestion.id, status: outcome, organisationCode: suggestion.organisationCode }));
  });
}
