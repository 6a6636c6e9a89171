import { z } from "zod";
import type { Discussion } from "@/components/comments/comments-client";
import type { ThreadListItem } from "@/lib/comments/thread-list-item";
import { documentEventSchema } from "@/lib/realtime/document-event";
import type { ThreadCounts } from "@/lib/progress/find-thread-counts";

/**
 * The discussion with one thread as the server now sends it (after an event about it, or as a
 * change of one's own returned it): replaced where it was, first if it is new (the list is newest
 * first among threads on the same passage). A thread sent without a position (the client places
 * anchors) keeps the position and detached state known so far; a new summary replaces the old.
 */
export function mergeThread(discussion: Discussion, thread: ThreadListItem, summary?: ThreadCounts[]): Discussion {
  const index = discussion.threads.findIndex((candidate) => candidate.id === thread.id);
  const known = discussion.threads[index];
  const merged = known && thread.position === undefined ? { ...thread, position: known.position, anchoredText: known.anchoredText, isDetached: known.isDetached } : thread;
  const threads = index === -1 ? [merged, ...discussion.threads] : discussion.threads.map((candidate) => (candidate.id === thread.id ? merged : candidate));
  return { threads, summary: summary ?? discussion.summary };
}

/** The discussion without a thread the server no longer finds. */
export function removeThread(discussion: Discussion, threadId: string, summary?: ThreadCounts[]): Discussion {
  return { threads: discussion.threads.filter((thread) => thread.id !== threadId), summary: summary ?? discussion.summary };
}

/** A thread an event brought along (null: it is gone), with the counts, to show without a request. */
export type ReceivedThread = { thread: ThreadListItem | null; summary: ThreadCounts[] };

/**
 * What a panel still has to do: fetch the whole list (on every (re)connection of the event stream)
 * and, per thread an event named since, merge what the event brought or, where it brought nothing
 * usable (null), fetch the thread.
 */
export type PendingSteps = { isListDue: boolean; threads: ReadonlyMap<string, ReceivedThread | null> };
export type NextStep = { kind: "list" } | { kind: "thread"; threadId: string } | { kind: "merge"; threadId: string; received: ReceivedThread };

export const NOTHING_PENDING: PendingSteps = { isListDue: false, threads: new Map() };

/** Past this many threads to fetch at once, one fetch of the list costs less than one fetch per thread. */
const MAX_THREAD_FETCHES = 10;

/**
 * The next step and what stays pending after it, in the order events came. The list covers every
 * thread named before it was asked for, so those are dropped; single threads are merged or fetched
 * only once a list is held (merging into nothing would show a partial discussion as complete).
 */
export function takeNextStep(pending: PendingSteps, hasList: boolean): { next: NextStep | null; rest: PendingSteps } {
  const fetches = [...pending.threads.values()].filter((received) => received === null).length;
  const needsList = pending.isListDue || (pending.threads.size > 0 && !hasList) || fetches > MAX_THREAD_FETCHES;
  if (needsList) return { next: { kind: "list" }, rest: NOTHING_PENDING };
  const [first] = pending.threads;
  if (!first) return { next: null, rest: pending };
  const [threadId, received] = first;
  const threads = new Map(pending.threads);
  threads.delete(threadId);
  return { next: received ? { kind: "merge", threadId, received } : { kind: "thread", threadId }, rest: { isListDue: false, threads } };
}

/** The pending steps once the event stream has (re)connected: the whole list. */
export function withListDue(pending: PendingSteps): PendingSteps {
  return { ...pending, isListDue: true };
}

const threadEventSchema = documentEventSchema.extend({
  thread: z.custom<ThreadListItem>((value) => typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string").nullable().optional(),
  summary: z.array(z.object({ organisationCode: z.string(), open: z.number(), answered: z.number(), resolved: z.number() })).optional(),
});

/**
 * The pending steps once an event named a thread. What the event brought is kept to merge when the
 * panel places anchors itself; otherwise (or if it brought nothing) the thread is fetched, with its
 * anchor placed by the server. An event that cannot be read makes the list due instead.
 */
export function withThreadEvent(pending: PendingSteps, data: unknown, { documentId, placesAnchors }: { documentId: string; placesAnchors: boolean }): PendingSteps {
  const event = parseThreadEvent(data);
  if (!event || event.documentId !== documentId) return withListDue(pending);
  const hasThread = event.thread === null || event.thread?.id === event.threadId;
  const received = placesAnchors && hasThread && event.summary ? { thread: event.thread ?? null, summary: event.summary } : null;
  const threads = new Map(pending.threads);
  // The latest word on a thread replaces an earlier one still waiting, and keeps its turn.
  threads.set(event.threadId, received);
  return { ...pending, threads };
}

function parseThreadEvent(data: unknown): z.infer<typeof threadEventSchema> | null {
  try {
    const parsed = threadEventSchema.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
