import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { loadDocumentState } from "@/lib/documents/live-state";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { findDocumentTarget } from "@/lib/comments/targets";
import { THREAD_KINDS, THREAD_STATUSES, threadInclude, toThreadView, type ThreadView } from "@/lib/comments/thread-view";

const ORGANISATION_CODES = ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]];

/** Filters and order of the comments panel; empty values mean "all" (a form's "any" option sends ""). */
export const findThreadsInput = z.object({
  economy: z.preprocess((value) => value || undefined, z.enum(ORGANISATION_CODES, { error: "Unknown economy." }).optional()),
  kind: z.preprocess((value) => value || undefined, z.enum(THREAD_KINDS, { error: "Unknown kind of thread." }).optional()),
  status: z.preprocess((value) => value || undefined, z.enum(THREAD_STATUSES, { error: "Unknown status." }).optional()),
  author: z.preprocess((value) => value || undefined, z.string().max(64, "Not a valid person.").optional()),
  sort: z.preprocess((value) => value || undefined, z.enum(["position", "date"], { error: "Sort by position or date." }).default("position")),
});

/**
 * How long a new thread may have no anchor in the stored document before it counts as detached:
 * the browser that made it marks the passage right after the thread is stored, and that edit
 * reaches the database a moment later through the collaboration socket.
 */
const ANCHOR_GRACE_MILLISECONDS = 30_000;

export type ThreadListItem = ThreadView & { position: number | null; anchoredText: string | null };

/**
 * A document's threads with their comments, filtered by the thread's economy, kind, status and
 * author, in reading order of their passages (detached threads last) or newest first. Whether a
 * thread is detached is read from the document's current text: its passage's words are all gone.
 */
export async function findThreads({ actor, documentId, ...input }: { actor: Actor; documentId: string } & z.input<typeof findThreadsInput>): Promise<ThreadListItem[]> {
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  const filters = parseInput(findThreadsInput, input);
  const [threads, live] = await Promise.all([
    db().commentThread.findMany({
      where: { documentId, organisationCode: filters.economy, kind: filters.kind, status: filters.status, authorId: filters.author },
      include: threadInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    loadDocumentState(documentId),
  ]);
  const anchors = live ? findThreadAnchors(live.state) : new Map();
  const now = Date.now();

  const items = threads.map((thread): ThreadListItem => {
    const anchor = anchors.get(thread.id);
    const isAwaitingAnchor = !anchor && now - thread.createdAt.getTime() < ANCHOR_GRACE_MILLISECONDS;
    const isDetached = !anchor && !isAwaitingAnchor;
    return { ...toThreadView({ ...thread, isDetached }, actor), position: anchor?.position ?? null, anchoredText: anchor?.text ?? null };
  });
  if (filters.sort === "date") return items;
  // Stable sort: threads on the same passage keep newest first; detached ones go last.
  return items.sort((a, b) => (a.position === null ? 1 : 0) - (b.position === null ? 1 : 0) || (a.position ?? 0) - (b.position ?? 0));
}
