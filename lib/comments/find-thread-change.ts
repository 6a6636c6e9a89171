import { findActorsBySessionIds } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { can, type Actor, type DocumentTarget } from "@/lib/policy";
import { unsafeFindThreadCountsOfDocument, type ThreadCounts } from "@/lib/progress/find-thread-counts";
import { findDocumentTarget } from "@/lib/comments/targets";
import { toThreadListItem, type ThreadListItem } from "@/lib/comments/thread-list-item";
import { threadInclude, type ThreadRow } from "@/lib/comments/thread-view";

/** What the live streams of a document need to send one event to each of their readers. */
export type ThreadChange = {
  document: DocumentTarget | undefined;
  /** The thread as stored now; null once it is gone. */
  thread: ThreadRow | null;
  summary: ThreadCounts[];
  /** Each reader's session and who it is now (null once signed out, expired or deactivated). */
  actors: Map<string, Actor | null>;
};

/**
 * Loads a changed thread once for every open stream of its document in this process, with the
 * current actors of all their sessions in one query, so an event costs the same few queries
 * whether one comments panel is open or thirty. Unsafe: it reads for several readers at once;
 * `threadChangeFor` authorizes each reader before anything is sent to them.
 */
export async function unsafeFindThreadChange({ documentId, threadId, sessionIds }: { documentId: string; threadId: string; sessionIds: Iterable<string> }): Promise<ThreadChange> {
  const [document, thread, summary, actors] = await Promise.all([
    findDocumentTarget(db(), documentId),
    db().commentThread.findFirst({ where: { id: threadId, documentId }, include: threadInclude }),
    unsafeFindThreadCountsOfDocument(documentId),
    findActorsBySessionIds(sessionIds),
  ]);
  return { document, thread, summary, actors };
}

/**
 * What one reader of the stream is sent: the thread as that reader sees it (their own abilities;
 * anchors are left to the client) and the counts, or why the stream must close, judged as a
 * fetch of the thread would be: the session must still be valid and may still read the document.
 */
export function threadChangeFor(
  change: ThreadChange,
  sessionId: string | null,
): { isAllowed: true; thread: ThreadListItem | null; summary: ThreadCounts[] } | { isAllowed: false; reason: "unauthenticated" | "forbidden" } {
  const actor = sessionId ? change.actors.get(sessionId) : null;
  if (!actor) return { isAllowed: false, reason: "unauthenticated" };
  if (!change.document || !can(actor, "document.read", change.document)) return { isAllowed: false, reason: "forbidden" };
  return { isAllowed: true, thread: change.thread ? toThreadListItem(change.thread, actor, null) : null, summary: change.summary };
}
