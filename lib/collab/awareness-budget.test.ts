import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { batchAwarenessBroadcasts } from "@/lib/collab/awareness-batching";

/** A stand-in for Hocuspocus' Document: what the batching reads, and a record of each broadcast it lets through. */
function fakeDocument(connections: number) {
  const broadcasts: { at: number; clients: number[] }[] = [];
  const document = {
    isDestroyed: false,
    getConnectionsCount: () => connections,
    broadcastAwarenessUpdate: (clients: number[]) => broadcasts.push({ at: Date.now(), clients }),
  };
  return { document, broadcasts, change: (clients: number[]) => document.broadcastAwarenessUpdate(clients) };
}

const everyone = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("caret budget", () => {
  test("a small group's carets go out once per window", () => {
    const { document, broadcasts, change } = fakeDocument(10);
    batchAwarenessBroadcasts(document, { windowMs: 50, statesPerSecond: 80_000 });
    for (let tick = 0; tick < 10; tick += 1) {
      change(everyone(10));
      vi.advanceTimersByTime(50);
    }
    expect(broadcasts.map(({ at }) => at)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
  });

  test("300 editors all moving carets: the next broadcast waits until the budget has paid for the last", () => {
    const { document, broadcasts, change } = fakeDocument(300);
    batchAwarenessBroadcasts(document, { windowMs: 50, statesPerSecond: 80_000 });
    change(everyone(300));
    vi.advanceTimersByTime(50);
    expect(broadcasts).toHaveLength(1);

    // 300 states to 300 connections = 90,000 states: 1,125 ms of an 80,000-a-second budget.
    change([1, 2]);
    change([3]);
    vi.advanceTimersByTime(1_124);
    expect(broadcasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(broadcasts).toHaveLength(2);
    // Merged meanwhile: one message with every client that changed while it waited.
    expect(broadcasts[1]).toEqual({ at: 1_175, clients: [1, 2, 3] });

    // That broadcast cost 3 × 300 states (11 ms): the next one goes out after the ordinary window.
    change([4]);
    vi.advanceTimersByTime(50);
    expect(broadcasts.map(({ at }) => at)).toEqual([50, 1_175, 1_225]);
  });

  test("nothing is sent once the document is gone", () => {
    const { document, broadcasts, change } = fakeDocument(3);
    batchAwarenessBroadcasts(document, { windowMs: 50, statesPerSecond: 80_000 });
    change([1]);
    document.isDestroyed = true;
    vi.advanceTimersByTime(100);
    expect(broadcasts).toHaveLength(0);
  });
});
