import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { db } from "@/lib/db";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, type Actor } from "@/lib/policy";

/** The decided and withdrawn suggestions of a document, newest first. */
export async function findSuggestionOutcomes({ actor, documentId }: { actor: Actor; documentId: string }) {
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  const rows = await db().suggestion.findMany({ where: { documentId }, orderBy: { decidedAt: "desc" } });
  const changes = await findBlockChanges(rows.filter((row) => !row.inserted && !row.deleted).map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    organisationCode: row.organisationCode,
    authorId: row.authorId,
    authorName: row.authorName,
    inserted: row.inserted,
    deleted: row.deleted,
    change: changes.get(row.id) ?? "",
    status: row.status,
    decidedAt: row.decidedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  }));
}
/**
 * What decided suggestions on a paragraph's form changed, read from their audit events (the
 * `Suggestion` row keeps words only; a block suggestion has none).
 */
async function findBlockChanges(suggestionIds: string[]): Promise<Map<string, string>> {
  if (suggestionIds.length === 0) return new Map();
  const events = await db().auditEvent.findMany({ where: { targetType: "suggestion", targetId: { in: suggestionIds } }, select: { targetId: true, data: true } });
  const changes = new Map<string, string>();
  for (const event of events) {
    const change = parseAuditData(auditedChange, event.data)?.change;
    if (change) changes.set(event.targetId, change);
  }
  return changes;
}

const auditedChange = z.object({ change: z.string().max(500).optional() });

export type SuggestionOutcome = Awaited<ReturnType<typeof findSuggestionOutcomes>>[number];
