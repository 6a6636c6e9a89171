import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, type Actor } from "@/lib/policy";

export const draftingRuleInput = z.object({ draftingRule: z.enum(["OPEN", "NEGOTIATION"]) });

/**
 * The secretariat puts a document under negotiation (delegates only suggest) or back to open
 * drafting. Open editors get the new access when the collaboration server re-checks their sockets.
 */
export async function setDraftingRule({ actor, documentId, draftingRule }: { actor: Actor; documentId: string } & z.infer<typeof draftingRuleInput>) {
  authorize(actor, "document.setDraftingRule", await findDocumentTarget(db(), documentId));
  await audited(async (transaction, audit) => {
    await transaction.document.update({ where: { id: documentId }, data: { draftingRule } });
    await audit({ actorId: actor.id, organisationCode: actor.organisationCode, action: "document.draftingRuleSet", targetType: "document", targetId: documentId, data: { draftingRule } });
  });
  return { draftingRule };
}
