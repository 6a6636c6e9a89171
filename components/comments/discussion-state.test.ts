import { describe, expect, it } from "vitest";
import type { Discussion } from "@/components/comments/comments-client";
import { mergeThread, NOTHING_PENDING, removeThread, takeNextStep, withListDue, withThreadEvent, type PendingSteps } from "@/components/comments/discussion-state";
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
    abilities: { canReply: true, canResolve: true, canReopen: false, canApplySuggestion: false, canTurnIntoSuggestion: false },
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

describe("what a panel does next", () => {
  const ids = (threadId: string, documentId = "d1") => ({ type: "comment.created", documentId, threadId });
  /** An event as the stream sends it: the thread as this reader sees it, and the counts. */
  const event = (threadId: string, changes: Partial<ThreadListItem> | null = {}, documentId = "d1") =>
    JSON.stringify({ ...ids(threadId, documentId), thread: changes === null ? null : thread(threadId, changes), summary: summary(1) });
  const idsOnly = (threadId: string) => JSON.stringify(ids(threadId));
  const withLiveText = { documentId: "d1", placesAnchors: true };
  const withoutLiveText = { documentId: "d1", placesAnchors: false };

  /** Every step the pending state leads to, in order, with no new events meanwhile. */
  function drain(pending: PendingSteps, hasList: boolean) {
    const steps = [];
    for (let step = takeNextStep(pending, hasList); step.next; step = takeNextStep(step.rest, true)) steps.push(step.next);
    return steps;
  }

  it("merges what events brought, in their order, without a request, when the panel places anchors itself", () => {
    let pending = withThreadEvent(NOTHING_PENDING, event("t1", { status: "ANSWERED" }), withLiveText);
    pending = withThreadEvent(pending, event("t2"), withLiveText);
    // A later event on t1 replaces the earlier one and keeps its turn.
    pending = withThreadEvent(pending, event("t1", { status: "RESOLVED" }), withLiveText);
    pending = withThreadEvent(pending, event("gone", null), withLiveText);
    expect(drain(pending, true)).toEqual([
      { kind: "merge", threadId: "t1", received: { thread: thread("t1", { status: "RESOLVED" }), summary: summary(1) } },
      { kind: "merge", threadId: "t2", received: { thread: thread("t2"), summary: summary(1) } },
      { kind: "merge", threadId: "gone", received: { thread: null, summary: summary(1) } },
    ]);
    expect(takeNextStep(NOTHING_PENDING, true).next).toBeNull();
  });

  it("fetches the thread, each once, before the panel holds the live text or when the event brought nothing", () => {
    let pending = withThreadEvent(NOTHING_PENDING, event("t1"), withoutLiveText);
    pending = withThreadEvent(pending, idsOnly("t2"), withLiveText);
    pending = withThreadEvent(pending, event("t1"), withoutLiveText);
    // A thread that is not the one the event names is not trusted.
    pending = withThreadEvent(pending, JSON.stringify({ ...ids("t3"), thread: thread("t4"), summary: summary(1) }), withLiveText);
    expect(drain(pending, true)).toEqual([
      { kind: "thread", threadId: "t1" },
      { kind: "thread", threadId: "t2" },
      { kind: "thread", threadId: "t3" },
    ]);
  });

  it("fetches the whole list once after a (re)connection, which covers every thread named before", () => {
    let pending = withThreadEvent(NOTHING_PENDING, idsOnly("t1"), withLiveText);
    pending = withListDue(pending);
    pending = withThreadEvent(pending, event("t2"), withLiveText);
    expect(drain(pending, true)).toEqual([{ kind: "list" }]);
  });

  it("fetches the list instead while none is held, for an unreadable event and for many threads to fetch", () => {
    expect(drain(withThreadEvent(NOTHING_PENDING, event("t1"), withLiveText), false)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, "not json", withLiveText), true)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, JSON.stringify({ ...ids("t1"), type: "drop.tables" }), withLiveText), true)).toEqual([{ kind: "list" }]);
    expect(drain(withThreadEvent(NOTHING_PENDING, event("t1", {}, "another-document"), withLiveText), true)).toEqual([{ kind: "list" }]);
    let pending: PendingSteps = NOTHING_PENDING;
    for (let index = 0; index < 11; index++) pending = withThreadEvent(pending, idsOnly(`t${index}`), withLiveText);
    expect(drain(pending, true)).toEqual([{ kind: "list" }]);
    // Many threads brought along cost no request each, so they never call for the list.
    pending = NOTHING_PENDING;
    for (let index = 0; index < 11; index++) pending = withThreadEvent(pending, event(`t${index}`), withLiveText);
    expect(drain(pending, true)).toHaveLength(11);
  });

  it("keeps events that arrive while a thread is being fetched, for after it", () => {
    const first = takeNextStep(withThreadEvent(NOTHING_PENDING, idsOnly("t1"), withLiveText), true);
    expect(first.next).toEqual({ kind: "thread", threadId: "t1" });
    // t1 changes again while its fetch is under way: that change is applied after the fetch, so it is not undone by it.
    expect(drain(withThreadEvent(first.rest, event("t1", { status: "RESOLVED" }), withLiveText), true)).toEqual([
      { kind: "merge", threadId: "t1", received: { thread: thread("t1", { status: "RESOLVED" }), summary: summary(1) } },
    ]);
  });
});
