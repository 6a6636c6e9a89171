import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_KEYS, describeActivity } from "@/lib/progress/describe-activity";

export const AUDIT_PAGE_SIZE = 50;

// Filters come from the query string: anything unknown is ignored rather than refused.
export const auditEntriesInput = z.object({
  kind: z.enum(ACTIVITY_CATEGORY_KEYS).optional().catch(undefined),
  organisationCode: z
    .enum(ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});
export type AuditEntriesFilter = z.output<typeof auditEntriesInput>;

export type AuditEntry = {
  id: number;
  at: Date;
  action: string;
  who: string;
  organisationCode: string | null;
  sentence: string;
  targetType: string;
  targetId: string;
  hash: string;
  previousHash: string;
  /** The digest of the sign-off position or version row the entry recorded, if any. */
  rowDigest: string | null;
};

export type AuditEntriesPage = { filter: AuditEntriesFilter; entries: AuditEntry[]; total: number; pageCount: number };

/** The audit log's entries with their hashes, newest first, a page at a time; filtered by kind of activity and acting organisation. */
export async function findAuditEntries({ actor, ...input }: { actor: Actor } & Partial<Record<keyof AuditEntriesFilter, unknown>>): Promise<AuditEntriesPage> {
  authorize(actor, "audit.read", null);
  const filter = parseInput(auditEntriesInput, input);
  const where = {
    ...(filter.organisationCode ? { organisationCode: filter.organisationCode } : {}),
    ...(filter.kind ? { OR: ACTIVITY_CATEGORIES[filter.kind].prefixes.map((prefix) => ({ action: { startsWith: prefix } })) } : {}),
  };
  const [total, events] = await db().$transaction([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        at: true,
        action: true,
        targetType: true,
        targetId: true,
        data: true,
        organisationCode: true,
        hash: true,
        previousHash: true,
        rowDigest: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  return {
    filter,
    total,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: events.map((event) => {
      const described = describeActivity(event);
      return {
        id: event.id,
        at: event.at,
        action: event.action,
        who: described.who,
        organisationCode: event.organisationCode,
        sentence: described.sentence,
        targetType: event.targetType,
        targetId: event.targetId,
        hash: event.hash,
        previousHash: event.previousHash,
        rowDigest: event.rowDigest,
      };
    }),
  };
}
