import type { Discussion } from "@/components/comments/comments-client";
import type { ThreadListItem } from "@/lib/comments/thread-list-item";
import { documentEventSchema, type DocumentEvent } from "@/lib/realtime/document-event";
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

/** What a panel still has to fetch: the whole list (on every (re)connection of the event stream) and the threads events named since. */
export type PendingFetches = { isListDue: boolean; threadIds: ReadonlySet<string> };
export type NextFetch = { kind: "list" } | { kind: "thread"; threadId: string };

export const NOTHING_PENDING: PendingFetches = { isListDue: false, threadIds: new Set() };

/** Past this many changed threads at once, one fetch of the list costs less than one fetch per thread. */
const MAX_THREAD_FETCHES = 10;

/**
 * The next request and what stays pending after it. The list covers every thread named before it
 * was asked for, so those are dropped; single threads are fetched only once a list is held
 * (merging into nothing would show a partial discussion as complete).
 */
export function takeNextFetch(pending: PendingFetches, hasList: boolean): { next: NextFetch | null; rest: PendingFetches } {
  const needsList = pending.isListDue || (pending.threadIds.size > 0 && !hasList) || pending.threadIds.size > MAX_THREAD_FETCHES;
  if (needsList) return { next: { kind: "list" }, rest: NOTHING_PENDING };
  const [threadId] = pending.threadIds;
  if (threadId === undefined) return { next: null, rest: pending };
  const threadIds = new Set(pending.threadIds);
  threadIds.delete(threadId);
  return { next: { kind: "thread", threadId }, rest: { isListDue: false, threadIds } };
}

/** The pending fetches once the event stream has (re)connected: the whole list. */
export function withListDue(pending: PendingFetches): PendingFetches {
  return { ...pending, isListDue: true };
}

/** The pending fetches once an event named a thread; an event that cannot be read makes the list due instead. */
export function withThreadEvent(pending: PendingFetches, data: unknown, documentId: string): PendingFetches {
  const event = parseDocumentEvent(data);
  if (!event || event.documentId !== documentId) return withListDue(pending);
  return { ...pending, threadIds: new Set([...pending.threadIds, event.threadId]) };
}

function parseDocumentEvent(data: unknown): DocumentEvent | null {
  try {
    const parsed = documentEventSchema.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
