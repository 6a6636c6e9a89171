import { db } from "@/lib/db";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, type Actor } from "@/lib/policy";

/** The decided and withdrawn suggestions of a document, newest first. */
export async function findSuggestionOutcomes({ actor, documentId }: { actor: Actor; documentId: string }) {
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  const rows = await db().suggestion.findMany({ where: { documentId }, orderBy: { decidedAt: "desc" } });
  return rows.map((row) => ({
    id: row.id,
    organisationCode: row.organisationCode,
    authorId: row.authorId,
    authorName: row.authorName,
    inserted: row.inserted,
    deleted: row.deleted,
    status: row.status,
    decidedAt: row.decidedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  }));
}
export type SuggestionOutcome = Awaited<ReturnType<typeof findSuggestionOutcomes>>[number];
