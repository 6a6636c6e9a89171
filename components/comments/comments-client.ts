import type { ThreadCounts } from "@/lib/progress/find-thread-counts";
import type { ThreadListItem } from "@/lib/comments/thread-list-item";
import type { ThreadView } from "@/lib/comments/thread-view";

/** An error the server answered with, carrying its messages per field. */
export class CommentRequestError extends Error {
  readonly fieldErrors: Record<string, string[]>;
  readonly status: number;

  constructor(message: string, status: number, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new CommentRequestError("The server could not be reached. Check your connection and try again.", 0);
  }
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
  if (!response.ok) {
    throw new CommentRequestError(payload?.error?.message ?? "Something went wrong. Please try again.", response.status, payload?.error?.fieldErrors ?? {});
  }
  // A body cut off (the server stopped mid-answer) reads as nothing: an error to retry, never a discussion without threads.
  if (payload === null) throw new CommentRequestError("The server's answer was cut off. Check your connection and try again.", 0);
  return payload as T;
}

export type Discussion = { threads: ThreadListItem[]; summary: ThreadCounts[] };
/** "client" when this page holds the live document and places the anchors itself, sparing the server the document's decoding. */
export type AnchorPlacement = "server" | "client";

export const commentsApi = {
  fetchDiscussion: (documentId: string, anchors: AnchorPlacement) =>
    request<Discussion>("GET", `/api/documents/${encodeURIComponent(documentId)}/threads?sort=position&anchors=${anchors}`),
  fetchThread: (documentId: string, threadId: string, anchors: AnchorPlacement) =>
    request<{ thread: ThreadListItem; summary: ThreadCounts[] }>(
      "GET",
      `/api/documents/${encodeURIComponent(documentId)}/threads/${encodeURIComponent(threadId)}?anchors=${anchors}`,
    ),
  createThread: (documentId: string, input: { kind: string; quote: string; body: string; suggestedText?: string }) =>
    request<{ thread: ThreadView }>("POST", `/api/documents/${encodeURIComponent(documentId)}/threads`, input),
  reply: (threadId: string, body: string) => request<{ thread: ThreadView }>("POST", `/api/threads/${encodeURIComponent(threadId)}/comments`, { body }),
  edit: (commentId: string, body: string) => request<{ thread: ThreadView }>("PATCH", `/api/comments/${encodeURIComponent(commentId)}`, { body }),
  remove: (commentId: string) => request<{ thread: ThreadView }>("DELETE", `/api/comments/${encodeURIComponent(commentId)}`),
  resolve: (threadId: string) => request<{ thread: ThreadView }>("POST", `/api/threads/${encodeURIComponent(threadId)}/resolve`),
  reopen: (threadId: string) => request<{ thread: ThreadView }>("POST", `/api/threads/${encodeURIComponent(threadId)}/reopen`),
  apply: (threadId: string) => request<{ thread: ThreadView }>("POST", `/api/threads/${encodeURIComponent(threadId)}/apply`),
  turnIntoSuggestion: (threadId: string) => request<{ thread: ThreadView }>("POST", `/api/threads/${encodeURIComponent(threadId)}/turn-into-suggestion`),
};
