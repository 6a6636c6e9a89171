"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { CommentRequestError, commentsApi, type AnchorPlacement, type Discussion } from "@/components/comments/comments-client";
import {
  mergeThread,
  NOTHING_PENDING,
  removeThread,
  takeNextStep,
  withListDue,
  withThreadEvent,
  type PendingSteps,
} from "@/components/comments/discussion-state";
import type { ThreadView } from "@/lib/comments/thread-view";

export type DiscussionState = Discussion & {
  isLoaded: boolean;
  /** Set when the list could not be fetched or the live stream was closed by the server. */
  problem: string | null;
  /** Shows a thread as a change made on this page returned it, before the event about it comes back. */
  showThread: (thread: ThreadView) => void;
};

const EMPTY: Discussion = { threads: [], summary: [] };

/**
 * A document's threads and per-economy counts, kept current from the server's event stream. On
 * every (re)connection of the stream the whole list is fetched, so events missed before or while
 * disconnected cost nothing. After that each event carries the changed thread, merged in without
 * a request once the page holds the live document (`placesAnchors`: the panel reads anchors from
 * the editor, and asks the server not to place them); before that, the one thread is fetched with
 * its anchor. Steps run one at a time in the order events came, so what is shown never goes back
 * to an older state, and a burst of events costs at most one request per changed thread (or one
 * for the list when many changed).
 */
export function useDiscussion(documentId: string, { placesAnchors }: { placesAnchors: boolean }): DiscussionState {
  const [discussion, setDiscussion] = useState<Discussion>(EMPTY);
  const [isLoaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useRef<PendingSteps>(NOTHING_PENDING);
  // Whether the list held is complete up to the last event: false until it loads, and after it fails to load again.
  const hasList = useRef(false);
  const isFetching = useRef(false);
  const anchors = useRef<AnchorPlacement>("server");

  useEffect(() => {
    anchors.current = placesAnchors ? "client" : "server";
  }, [placesAnchors]);

  const fetchPending = useCallback(() => {
    if (isFetching.current) return;
    isFetching.current = true;
    void (async () => {
      for (;;) {
        const { next, rest } = takeNextStep(pending.current, hasList.current);
        pending.current = rest;
        if (!next) break;
        if (next.kind === "merge") {
          const { thread, summary } = next.received;
          setDiscussion((current) => (thread ? mergeThread(current, thread, summary) : removeThread(current, next.threadId, summary)));
          continue;
        }
        try {
          if (next.kind === "list") {
            const list = await commentsApi.fetchDiscussion(documentId, anchors.current);
            hasList.current = true;
            setDiscussion(list);
            setLoaded(true);
          } else {
            const { thread, summary } = await commentsApi.fetchThread(documentId, next.threadId, anchors.current);
            setDiscussion((current) => mergeThread(current, thread, summary));
          }
          setProblem(null);
        } catch (error) {
          if (next.kind === "thread" && error instanceof CommentRequestError && error.status === 404) {
            setDiscussion((current) => removeThread(current, next.threadId));
          } else if (next.kind === "thread") {
            // Unsure what this thread is now: the whole list, once, settles it.
            pending.current = withListDue(pending.current);
          } else {
            hasList.current = false;
            setProblem((error as Error).message);
          }
        }
      }
      isFetching.current = false;
    })();
  }, [documentId]);

  const showThread = useCallback((thread: ThreadView) => setDiscussion((current) => mergeThread(current, thread)), []);

  useEffect(() => {
    const events = new EventSource(`/api/documents/${encodeURIComponent(documentId)}/events`);
    // `ready` comes on every (re)connection: the list then, so nothing missed while disconnected is lost.
    events.addEventListener("ready", () => {
      pending.current = withListDue(pending.current);
      fetchPending();
    });
    events.addEventListener("thread", (event) => {
      pending.current = withThreadEvent(pending.current, event.data, { documentId, placesAnchors: anchors.current === "client" });
      fetchPending();
    });
    events.addEventListener("closed", () => {
      events.close();
      setProblem("Live updates stopped because your session ended. Sign in again to follow the discussion.");
    });
    // The browser reconnects by itself after a network error; it gives up only when the server refuses (e.g. signed out).
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) setProblem("Live updates stopped. Reload the page to follow the discussion again.");
    });
    return () => events.close();
  }, [documentId, fetchPending]);

  return { ...discussion, isLoaded, problem, showThread };
}
