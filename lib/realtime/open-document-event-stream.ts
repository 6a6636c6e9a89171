import { actorFromCookieHeader } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, can, type Actor } from "@/lib/policy";
import type { DocumentEvent } from "@/lib/realtime/document-event";
import { subscribeToDocumentEvents } from "@/lib/realtime/document-events";

const encoder = new TextEncoder();

/** Server-sent events framing: one named event with a JSON payload. */
function frame(name: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A server-sent event stream of the document's discussion events for a reader of the document.
 * It starts with `ready` on every (re)connection (clients fetch the whole list then, so nothing
 * missed before or while disconnected is lost), sends `thread` for each change (clients fetch that
 * one thread) and a comment line as keep-alive. At each keep-alive the session behind
 * `cookieHeader` is read again: once it is signed out, expired or deactivated, or may no longer
 * read the document, the stream says `closed` and ends.
 */
export async function openDocumentEventStream({
  actor,
  documentId,
  cookieHeader,
  signal,
  keepAliveMilliseconds = 25_000,
}: {
  actor: Actor;
  documentId: string;
  cookieHeader: string | undefined;
  signal: AbortSignal;
  keepAliveMilliseconds?: number;
}): Promise<ReadableStream<Uint8Array>> {
  const document = await findDocumentTarget(db(), documentId);
  authorize(actor, "document.read", document);

  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let isOpen = true;
      const send = (chunk: Uint8Array) => {
        if (isOpen) controller.enqueue(chunk);
      };
      const unsubscribe = subscribeToDocumentEvents(documentId, (event: DocumentEvent) => send(frame("thread", event)));
      const keepAlive = setInterval(async () => {
        send(encoder.encode(": keep-alive\n\n"));
        try {
          const current = await actorFromCookieHeader(cookieHeader);
          if (!current || !can(current, "document.read", document)) {
            send(frame("closed", { reason: current ? "forbidden" : "unauthenticated" }));
            stop();
          }
        } catch (error) {
          // The database being briefly unavailable is no reason to drop a reader; check again next time.
          console.warn(`Document events: could not re-check the session: ${(error as Error).message}`);
        }
      }, keepAliveMilliseconds);
      stop = () => {
        if (!isOpen) return;
        isOpen = false;
        clearInterval(keepAlive);
        unsubscribe();
        signal.removeEventListener("abort", stop);
        controller.close();
      };
      signal.addEventListener("abort", stop);
      // Reconnect quickly after a dropped connection; the `ready` event then triggers a refetch of the list.
      send(encoder.encode("retry: 2000\n\n"));
      send(frame("ready", { documentId }));
    },
    cancel() {
      stop();
    },
  });
}
