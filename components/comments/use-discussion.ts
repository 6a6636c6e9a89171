"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { commentsApi, type Discussion } from "@/components/comments/comments-client";

export type DiscussionState = Discussion & {
  isLoaded: boolean;
  /** Set when the list could not be fetched or the live stream was closed by the server. */
  problem: string | null;
  refresh: () => void;
};

/**
 * A document's threads and per-economy counts, kept current: the server's event stream says
 * something changed and the list is fetched again (events carry ids only). Fetches are
 * coalesced, so a burst of events costs one request.
 */
export function useDiscussion(documentId: string): DiscussionState {
  const [discussion, setDiscussion] = useState<Discussion>({ threads: [], summary: [] });
  const [isLoaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    void (async () => {
      do {
        again.current = false;
        try {
          setDiscussion(await commentsApi.fetchDiscussion(documentId));
          setLoaded(true);
          setProblem(null);
        } catch (error) {
          setProblem((error as Error).message);
        }
      } while (again.current);
      inFlight.current = false;
    })();
  }, [documentId]);

  useEffect(() => {
    const events = new EventSource(`/api/documents/${encodeURIComponent(documentId)}/events`);
    // `ready` comes on every (re)connection: fetch then, so nothing missed while disconnected is lost.
    events.addEventListener("ready", refresh);
    events.addEventListener("thread", refresh);
    events.addEventListener("closed", () => {
      events.close();
      setProblem("Live updates stopped because your session ended. Sign in again to follow the discussion.");
    });
    // The browser reconnects by itself after a network error; it gives up only when the server refuses (e.g. signed out).
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) setProblem("Live updates stopped. Reload the page to follow the discussion again.");
    });
    return () => events.close();
  }, [documentId, refresh]);

  return { ...discussion, isLoaded, problem, refresh };
}
