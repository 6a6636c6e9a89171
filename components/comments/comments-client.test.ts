import { afterEach, describe, expect, it, vi } from "vitest";
import { CommentRequestError, commentsApi } from "@/components/comments/comments-client";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the comments client", () => {
  it("turns an answer cut off mid-body into an error, not an empty discussion the panel would crash on", async () => {
    vi.stubGlobal("fetch", async () => new Response('{"threads":[{"id":"t1"', { status: 200, headers: { "Content-Type": "application/json" } }));
    await expect(commentsApi.fetchDiscussion("d1", "client")).rejects.toBeInstanceOf(CommentRequestError);
  });

  it("passes a complete answer through", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ threads: [], summary: [] }), { status: 200, headers: { "Content-Type": "application/json" } }));
    await expect(commentsApi.fetchDiscussion("d1", "client")).resolves.toEqual({ threads: [], summary: [] });
  });
});
