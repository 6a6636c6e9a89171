import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { findStoredThreadAnchors } from "@/lib/comments/anchor-cache";
import { findDocumentTarget } from "@/lib/comments/targets";
import { anchorPlacementSchema, toThreadListItem, type ThreadListItem } from "@/lib/comments/thread-list-item";
import { THREAD_KINDS, THREAD_STATUSES, threadInclude } from "@/lib/comments/thread-view";

const ORGANISATION_CODES = ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]];

/** Filters and order of the comments panel; empty values mean "all" (a form's "any" option sends ""). */
export const findThreadsInput = z.object({
  economy: z.preprocess((value) => value || undefined, z.enum(ORGANISATION_CODES, { error: "Unknown economy." }).optional()),
  kind: z.preprocess((value) => value || undefined, z.enum(THREAD_KINDS, { error: "Unknown kind of thread." }).optional()),
  status: z.preprocess((value) => value || undefined, z.enum(THREAD_STATUSES, { error: "Unknown status." }).optional()),
  author: z.preprocess((value) => value || undefined, z.string().max(64, "Not a valid person.").optional()),
  sort: z.preprocess((value) => value || undefined, z.enum(["position", "date"], { error: "Sort by position or date." }).default("position")),
  anchors: anchorPlacementSchema,
});

/**
 * A document's threads with their comments, filtered by the thread's economy, kind, status and
 * author, in reading order of their passages (detached threads last) or newest first. Whether a
 * thread is detached is read from the document's current text: its passage's words are all gone.
 * When the client places the anchors, the server knows no reading order: threads come newest first.
 */
export async function findThreads({ actor, documentId, ...input }: { actor: Actor; documentId: string } & z.input<typeof findThreadsInput>): Promise<ThreadListItem[]> {
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  const filters = parseInput(findThreadsInput, input);
  const [threads, anchors] = await Promise.all([
    db().commentThread.findMany({
      where: { documentId, organisationCode: filters.economy, kind: filters.kind, status: filters.status, authorId: filters.author },
      include: threadInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    filters.anchors === "server" ? findStoredThreadAnchors({ documentId }) : null,
  ]);
  const now = Date.now();
  const items = threads.map((thread) => toThreadListItem(thread, actor, anchors, now));
  if (filters.sort === "date" || !anchors) return items;
  // Stable sort: threads on the same passage keep newest first; detached ones go last.
  const rank = (item: ThreadListItem) => item.position ?? Number.MAX_SAFE_INTEGER;
  return items.sort((a, b) => rank(a) - rank(b));
}
