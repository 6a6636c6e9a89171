import { actorFromCookieHeader, sessionIdFromCookieHeader } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { threadChangeFor, unsafeFindThreadChange, type ThreadChange } from "@/lib/comments/find-thread-change";
import { findDocumentTarget } from "@/lib/comments/targets";
import { authorize, can, type Actor } from "@/lib/policy";
import type { DocumentEvent } from "@/lib/realtime/document-event";
import { subscribeToDocumentEvents } from "@/lib/realtime/document-events";

const encoder = new TextEncoder();

/** Server-sent events framing: one named event with a JSON payload. */
function frame(name: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** One open stream as its document's room sees it. `change` is null when it could not be loaded. */
type Reader = { sessionId: string | null; deliver: (event: DocumentEvent, change: ThreadChange | null) => void };
type Room = { readers: Set<Reader>; unsubscribe: () => void; queue: Promise<void> };

/** The open streams of each document in this process, behind one subscription per document. */
const rooms = new Map<string, Room>();

/** Adds a stream to its document's room until the returned function is called. */
function join(documentId: string, reader: Reader): () => void {
  let room = rooms.get(documentId);
  if (!room) {
    const created: Room = { readers: new Set(), unsubscribe: () => {}, queue: Promise.resolve() };
    created.unsubscribe = subscribeToDocumentEvents(documentId, (event) => {
      // One event after another: a change loaded later is never older than one sent before it.
      created.queue = created.queue
        .then(() => fanOut(created, event))
        .catch((error: Error) => console.error(`Document events: could not send an event: ${error.message}`));
    });
    rooms.set(documentId, created);
    room = created;
  }
  const joined = room;
  joined.readers.add(reader);
  return () => {
    joined.readers.delete(reader);
    if (joined.readers.size > 0 || rooms.get(documentId) !== joined) return;
    joined.unsubscribe();
    rooms.delete(documentId);
  };
}

/**
 * Loads the changed thread once for everyone in the room (lib/comments/find-thread-change.ts) and
 * hands it to each stream. If it cannot be loaded, the streams pass the event on with ids only and
 * the clients fetch the thread themselves.
 */
async function fanOut(room: Room, event: DocumentEvent): Promise<void> {
  const readers = [...room.readers];
  if (readers.length === 0) return;
  let change: ThreadChange | null = null;
  try {
    const sessionIds = readers.flatMap((reader) => (reader.sessionId ? [reader.sessionId] : []));
    change = await unsafeFindThreadChange({ documentId: event.documentId, threadId: event.threadId, sessionIds });
  } catch (error) {
    console.warn(`Document events: could not load the changed thread, sending its id only: ${(error as Error).message}`);
  }
  for (const reader of readers) reader.deliver(event, change);
}

/**
 * A server-sent event stream of the document's discussion events for a reader of the document.
 * It starts with `ready` on every (re)connection (clients fetch the whole list then, so nothing
 * missed before or while disconnected is lost), then sends `thread` for each change, carrying the
 * thread as this reader now sees it and the per-economy counts, so an open comments panel needs no
 * request (the server loads a change once for all the document's streams in the process). Before
 * each such send, and at each keep-alive, the session behind `cookieHeader` is checked: once it is
 * signed out, expired or deactivated, or may no longer read the document, the stream says
 * `closed` and ends.
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
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);

  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let isOpen = true;
      const send = (chunk: Uint8Array) => {
        if (isOpen) controller.enqueue(chunk);
      };
      const close = (reason: "unauthenticated" | "forbidden") => {
        send(frame("closed", { reason }));
        stop();
      };
      const leave = join(documentId, {
        sessionId,
        deliver: (event, change) => {
          if (!isOpen) return;
          if (!change) return send(frame("thread", event));
          const forReader = threadChangeFor(change, sessionId);
          if (!forReader.isAllowed) return close(forReader.reason);
          send(frame("thread", { ...event, thread: forReader.thread, summary: forReader.summary }));
        },
      });
      const keepAlive = setInterval(async () => {
        send(encoder.encode(": keep-alive\n\n"));
        try {
          const current = await actorFromCookieHeader(cookieHeader);
          if (!current || !can(current, "document.read", document)) close(current ? "forbidden" : "unauthenticated");
        } catch (error) {
          // The database being briefly unavailable is no reason to drop a reader; check again next time.
          console.warn(`Document events: could not re-check the session: ${(error as Error).message}`);
        }
      }, keepAliveMilliseconds);
      stop = () => {
        if (!isOpen) return;
        isOpen = false;
        clearInterval(keepAlive);
        leave();
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
