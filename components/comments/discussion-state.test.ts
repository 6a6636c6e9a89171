import { describe, expect, it } from "vitest";
import type { Discussion } from "@/components/comments/comments-client";
import { mergeThread, NOTHING_PENDING, removeThread, takeNextFetch, withListDue, withThreadEvent, type PendingFetches } from "@/components/comments/discussion-state";
import type { ThreadListItem } from "@/lib/comments/thread-list-item";

const person = { id: "u1", name: "Arben Hoxha", organisationCode: "AL" };

function thread(id: string, changes: Partial<ThreadListItem> = {}): ThreadListItem {
  return {
    id,
    documentId: "d1",
    organisationCode: "AL",
    kind: "REMARK",
    status: "OPEN",
    quote: "the passage",
    suggestedText: null,
    isDetached: false,
    createdAt: "2026-05-14T10:00:00.000Z",
    updatedAt: "2026-05-14T10:00:00.000Z",
    resolvedAt: null,
    appliedAt: null,
    author: person,
    resolvedBy: null,
    comments: [],
    abilities: { canReply: true, canResolve: true, canReopen: false, canApplySuggestion: false },
    ...changes,
  };
}

const summary = (open: number) => [{ organisationCode: "AL", open, answered: 0, resolved: 0 }];
const discussion: Discussion = {
  threads: [thread("t1", { position: 4, anchoredText: "first" }), thread("t2", { position: 90, anchoredText: "second", isDetached: false })],
  summary: summary(2),
};

describe("merging one thread into the discussion", () => {
  it("replaces the thread in place and takes the new summary", () => {
    const resolved = thread("t2", { status: "RESOLVED", position: 95, anchoredText: "second passage" });
    const merged = mergeThread(discussion, resolved, summary(1));
    expect(merged.threads.map((item) => item.id)).toEqual(["t1", "t2"]);
    expect(merged.threads[1]).toEqual(resolved);
    expect(merged.threads[0]).toBe(discussion.threads[0]);
    expect(merged.summary).toEqual(summary(1));
    // The state it came from is left as it was.
    expect(discussion.threads[1]!.status).toBe("OPEN");
  });

  it("puts a new thread first", () => {
    const merged = mergeThread(discussion, thread("t3", { position: 4, anchoredText: "first" }), summary(3));
    expect(merged.threads.map((item) => item.id)).toEqual(["t3", "t1", "t2"]);
  });

  it("keeps the known passage of a thread sent without one (the client places anchors), and the summary when none is sent", () => {
    const { position: _position, anchoredText: _anchoredText, ...withoutAnchor } = thread("t2", { status: "ANSWERED" });
    const merged = mergeThread({ ...discussion, threads: [discussion.threads[0]!, { ...discussion.threads[1]!, isDetached: true }] }, withoutAnchor);
    expect(merged.threads[1]).toMatchObject({ status: "ANSWERED", position: 90, anchoredText: "second", isDetached: true });
    expect(merged.summary).toBe(discussion.summary);
    // A new thread without a passage is shown as it came.
    expect(mergeThread({ threads: [], summary: [] }, withoutAnchor).threads[0]).not.toHaveProperty("position");
  });

  it("drops a thread the server no longer finds", () => {
    expect(removeThread(discussion, "t1").threads.map((item) => item.id)).toEqual(["t2"]);
    expect(removeThread(discussion, "unknown").threads).toEqual(discussion.threads);
  });
});

describe("what a panel fetches next", () => {
  const event = (threadId: string, documentId = "d1") => JSON.stringify({ type: "comment.created", documentId, threadId });

  /** Every fetch the pending state leads to, in order, with no new events meanwhile. */
  function drain(pending: PendingFetches, hasList: boolean) {
    const fetches = [];
    for (let step = takeNextFetch(pending, hasList); step.next; step = takeNextFetch(step.rest, true)) fetches.push(step.next);
    return fetches;
  }

  it("fetches only the threads events named, each once, once the list is held", () => {
    let pending = withThreadEvent(NOTHING_PENDING, event("t1"), "d1");
    pending = withThreadEvent(pending, event("t2"), "d1");
    pending = withThreadEvent(pending, event("t1"), "d1");
    expect(drain(pending, true)).toEqual([
      { kind: "thread", threadId: "t1" },
      { kind: "thread", threadId: "t2" },
    ]);
    expect(takeNextFetch(NOTHING_PENDING, true).next).toBeNull();
  });

  it("fetches the whole list once after a (re)connection, which covers every thread named before", () => {
    let pending = withThreadEvent(NOTHING_PENDING, event("t1"), "d1");
    pending = withListDue(pending);
    pending = withThreadEvent(pending, event("t2"), "d1");
    expect(drain(pending, true)).toEqual([{ kind: "list" }]);
  });

  it("fetches the list instead while none is held, for an unreadable event and for many changed threads", () => {
    expect(drain(withThreadEvent(NOTHING_PENDING, event("t1"), "d1"), false)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, "not json", "d1"), true)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, JSON.stringify({ type: "drop.tables", documentId: "d1", threadId: "t1" }), "d1"), true)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, event("t1", "another-document"), "d1"), true)).toEqual([{ kind: "list" }]);
    let pending: PendingFetches = NOTHING_PENDING;
    for (let index = 0; index < 11; index++) pending = withThreadEvent(pending, event(`t${index}`), "d1");
    expect(drain(pending, true)).toEqual([{ kind: "list" }]);
  });

  it("keeps events that arrive while a thread is being fetched", () => {
    const first = takeNextFetch(withThreadEvent(NOTHING_PENDING, event("t1"), "d1"), true);
    expect(first.next).toEqual({ kind: "thread", threadId: "t1" });
    // t1 changes again while its fetch is under way: it is fetched again afterwards.
    expect(drain(withThreadEvent(first.rest, event("t1"), "d1"), true)).toEqual([{ kind: "thread", threadId: "t1" }]);
  });
});
