import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy";

/**
 * Stores a new document of the working group with its first text and the `document.created`
 * audit event, for the verbs that create one (from a template, from a Word file). The caller has
 * authorized the actor and validated the input, and encoded the text as Yjs state (a Word file's in
 * the worker that read it: 80 ms for 100 pages); `details` are what the audit event records.
 */
export async function storeNewDocument({ actor, title, kind, yjsState, details }: {
  actor: Actor;
  title: string;
  kind: "MOU" | "OTHER";
  yjsState: Uint8Array;
  details: Record<string, unknown>;
}): Promise<{ id: string }> {
  const workingGroup = await db().workingGroup.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return audited(async (transaction, audit) => {
    const document = await transaction.document.create({
      data: { workingGroupId: workingGroup.id, title, kind, yjsState: Buffer.from(yjsState), createdById: actor.id },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "document.created",
      targetType: "document",
      targetId: document.id,
      data: { title, ...details },
    });
    return document;
  });
}
