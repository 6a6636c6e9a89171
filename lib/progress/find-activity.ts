import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_KEYS,
  describeActivity,
  type ActivityEntry,
  type ActivityEvent,
} from "@/lib/progress/describe-activity";

export const ACTIVITY_PAGE_SIZE = 25;

// Filters come from the query string: anything unknown is ignored rather than refused.
export const activityFilterInput = z.object({
  organisationCode: z
    .enum(ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]])
    .optional()
    .catch(undefined),
  category: z.enum(ACTIVITY_CATEGORY_KEYS).optional().catch(undefined),
  /** Cursor: only entries older than this id. */
  before: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).default(ACTIVITY_PAGE_SIZE).catch(ACTIVITY_PAGE_SIZE),
});
export type ActivityFilter = z.output<typeof activityFilterInput>;

export type ActivityPage = { filter: ActivityFilter; entries: ActivityEntry[]; nextCursor: number | null };

const idsOf = (values: (string | undefined)[]) => [...new Set(values.filter((value): value is string => Boolean(value)))];

function referencedId(event: ActivityEvent, key: "documentId" | "meetingId" | "threadId"): string | undefined {
  try {
    const value = (JSON.parse(event.data) as Record<string, unknown>)[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The audit log as sentences, newest first, a page at a time (cursor: the id of the oldest entry
 * shown). Filters: the organisation of the person who acted, and a kind of activity.
 */
export async function findActivity({ actor, ...input }: { actor: Actor } & Partial<Record<keyof ActivityFilter, unknown>>): Promise<ActivityPage> {
  authorize(actor, "audit.read", null);
  const filter = parseInput(activityFilterInput, input);
  const database = db();
  const events = await database.auditEvent.findMany({
    where: {
      ...(filter.before ? { id: { lt: filter.before } } : {}),
      ...(filter.organisationCode ? { organisationCode: filter.organisationCode } : {}),
      ...(filter.category ? { OR: ACTIVITY_CATEGORIES[filter.category].prefixes.map((prefix) => ({ action: { startsWith: prefix } })) } : {}),
    },
    orderBy: { id: "desc" },
    // One more than a page tells whether there is an older page.
    take: filter.limit + 1,
    select: { id: true, at: true, action: true, targetType: true, targetId: true, data: true, organisationCode: true, actor: { select: { name: true } } },
  });
  const page = events.slice(0, filter.limit);

  // Names of what the page's entries point at, in one round of lookups.
  const documentIds = idsOf(page.map((event) => (event.targetType === "document" ? event.targetId : referencedId(event, "documentId"))));
  const meetingIds = idsOf(page.map((event) => (event.targetType === "meeting" ? event.targetId : referencedId(event, "meetingId"))));
  const userIds = idsOf(page.map((event) => (event.targetType === "user" ? event.targetId : undefined)));
  const threadIds = idsOf(page.map((event) => (event.targetType === "commentThread" ? event.targetId : referencedId(event, "threadId"))));
  const [documents, meetings, users, threads] = await Promise.all([
    documentIds.length ? database.document.findMany({ where: { id: { in: documentIds } }, select: { id: true, title: true } }) : [],
    meetingIds.length ? database.meeting.findMany({ where: { id: { in: meetingIds } }, select: { id: true, title: true } }) : [],
    userIds.length ? database.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    threadIds.length
      ? database.commentThread.findMany({ where: { id: { in: threadIds } }, select: { id: true, documentId: true, document: { select: { title: true } } } })
      : [],
  ]);
  const names = {
    documents: new Map([...documents.map((row) => [row.id, row.title] as const), ...threads.map((row) => [row.documentId, row.document.title] as const)]),
    meetings: new Map(meetings.map((row) => [row.id, row.title])),
    users: new Map(users.map((row) => [row.id, row.name])),
    threads: new Map(threads.map((row) => [row.id, { documentId: row.documentId }])),
  };
  return {
    filter,
    entries: page.map((event) => describeActivity(event, names)),
    nextCursor: events.length > filter.limit ? page.at(-1)!.id : null,
  };
}
