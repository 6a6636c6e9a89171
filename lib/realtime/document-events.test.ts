import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { TEST_NEXTAUTH_SECRET, sessionCookieFor } from "@/lib/testing/collaboration";
import { createDocument } from "@/lib/documents/create-document";
import { createThread } from "@/lib/comments/create-thread";
import { unsafeFindThreadChange } from "@/lib/comments/find-thread-change";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { resolveThread } from "@/lib/comments/resolve-thread";
import type { DocumentEvent } from "@/lib/realtime/document-event";
import { publishDocumentEvent, subscribeToDocumentEvents } from "@/lib/realtime/document-events";
import { openDocumentEventStream } from "@/lib/realtime/open-document-event-stream";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

// Counted, and otherwise unchanged, to show a change is loaded once however many streams are open.
vi.mock("@/lib/comments/find-thread-change", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/comments/find-thread-change")>();
  return { ...original, unsafeFindThreadChange: vi.fn(original.unsafeFindThreadChange) };
});

let testDatabase: TestDatabase;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let observer: Actor;
let documentId: string;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "CEFTA" });
  ({ id: documentId } = await createDocument({ actor: secretariat, title: "Live comments draft" }));
});
afterAll(async () => testDatabase.drop());

/** Reads server-sent events from a stream as { event, data } records. */
function eventReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: unknown } | null> {
      for (;;) {
        const boundary = buffer.indexOf("\n\n");
        if (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) return { event, data: data ? JSON.parse(data) : null };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

describe("document events in one instance", () => {
  it("reach the document's subscribers only, until they unsubscribe", () => {
    const received: DocumentEvent[] = [];
    const unsubscribe = subscribeToDocumentEvents("document-a", (event) => received.push(event));
    publishDocumentEvent({ type: "thread.created", documentId: "document-a", threadId: "t1" });
    publishDocumentEvent({ type: "thread.created", documentId: "document-b", threadId: "t2" });
    unsubscribe();
    publishDocumentEvent({ type: "thread.updated", documentId: "document-a", threadId: "t1" });
    expect(received).toEqual([{ type: "thread.created", documentId: "document-a", threadId: "t1" }]);
  });

  it("are published for new threads, replies and status changes", async () => {
    const received: DocumentEvent[] = [];
    const unsubscribe = subscribeToDocumentEvents(documentId, (event) => received.push(event));
    const thread = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "scope", body: "Too wide." });
    await replyToThread({ actor: serbia, threadId: thread.id, body: "Agreed." });
    await resolveThread({ actor: albania, threadId: thread.id });
    // A refused change publishes nothing.
    await expect(resolveThread({ actor: serbia, threadId: thread.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    unsubscribe();
    expect(received.map((event) => [event.type, event.threadId])).toEqual([
      ["thread.created", thread.id],
      ["comment.created", thread.id],
      ["thread.updated", thread.id],
    ]);
  });
});

describe("the server-sent event stream", () => {
  it("lets any reader (an observer too) follow a document live, and stops when the client goes away", async () => {
    const abort = new AbortController();
    const cookieHeader = await sessionCookieFor(testDatabase.database, observer.id);
    const reader = eventReader(await openDocumentEventStream({ actor: observer, documentId, cookieHeader, signal: abort.signal }));
    expect(await reader.next()).toEqual({ event: "ready", data: { documentId } });

    // Albania follows too: each reader gets the thread with their own abilities, so neither panel needs a request.
    const albanianReader = eventReader(
      await openDocumentEventStream({ actor: albania, documentId, cookieHeader: await sessionCookieFor(testDatabase.database, albania.id), signal: abort.signal }),
    );
    expect((await albanianReader.next())?.event).toBe("ready");

    const thread = await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "term", body: "Which term?" });
    const created = await reader.next();
    expect(created).toMatchObject({
      event: "thread",
      data: {
        type: "thread.created",
        documentId,
        threadId: thread.id,
        thread: { id: thread.id, status: "OPEN", comments: [{ body: "Which term?" }], abilities: { canReply: false, canResolve: false } },
        summary: expect.arrayContaining([{ organisationCode: "AL", open: expect.any(Number), answered: expect.any(Number), resolved: expect.any(Number) }]),
      },
    });
    // Anchors are left to the client, which holds the live text.
    expect((created?.data as { thread: object }).thread).not.toHaveProperty("position");
    expect(await albanianReader.next()).toMatchObject({ event: "thread", data: { threadId: thread.id, thread: { abilities: { canReply: true, canResolve: true } } } });

    await replyToThread({ actor: secretariat, threadId: thread.id, body: "Five years." });
    expect(await reader.next()).toMatchObject({
      event: "thread",
      data: { type: "comment.created", documentId, threadId: thread.id, thread: { status: "ANSWERED", comments: [{ body: "Which term?" }, { body: "Five years." }] } },
    });
    expect(await albanianReader.next()).toMatchObject({ event: "thread", data: { type: "comment.created", thread: { status: "ANSWERED" } } });

    // A thread that is gone by the time the event is sent goes as null (the client drops it).
    publishDocumentEvent({ type: "thread.updated", documentId, threadId: "gone" });
    expect(await reader.next()).toEqual({ event: "thread", data: { type: "thread.updated", documentId, threadId: "gone", thread: null, summary: expect.any(Array) } });
    expect(await albanianReader.next()).toMatchObject({ event: "thread", data: { threadId: "gone", thread: null } });

    abort.abort();
    expect(await reader.next()).toBeNull();
    expect(await albanianReader.next()).toBeNull();
  });

  it("loads a change once for all the document's streams in the process, whatever their number", async () => {
    const abort = new AbortController();
    const readers = [];
    for (const reader of [observer, albania, serbia, secretariat, observer, albania, serbia, secretariat]) {
      const cookieHeader = await sessionCookieFor(testDatabase.database, reader.id);
      readers.push(eventReader(await openDocumentEventStream({ actor: reader, documentId, cookieHeader, signal: abort.signal })));
    }
    for (const reader of readers) expect((await reader.next())?.event).toBe("ready");
    vi.mocked(unsafeFindThreadChange).mockClear();

    const thread = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "term", body: "Eight panels open." });
    for (const reader of readers) expect(await reader.next()).toMatchObject({ event: "thread", data: { threadId: thread.id, thread: { id: thread.id } } });
    expect(unsafeFindThreadChange).toHaveBeenCalledTimes(1);
    expect(vi.mocked(unsafeFindThreadChange).mock.calls[0]![0].sessionIds).toHaveLength(8);
    abort.abort();
  });

  it("sends a change only while the reader's session is valid: signed out, the stream closes at the next event", async () => {
    const bosnia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "BA" });
    const cookieHeader = await sessionCookieFor(testDatabase.database, bosnia.id);
    // The keep-alive would catch it only after 25 s; the event must not wait for it.
    const reader = eventReader(await openDocumentEventStream({ actor: bosnia, documentId, cookieHeader, signal: new AbortController().signal }));
    expect((await reader.next())?.event).toBe("ready");
    await testDatabase.database.authSession.updateMany({ where: { userId: bosnia.id }, data: { revokedAt: new Date() } });
    await createThread({ actor: albania, documentId, kind: "REMARK", quote: "term", body: "Not for Bosnia's eyes once signed out." });
    expect(await reader.next()).toEqual({ event: "closed", data: { reason: "unauthenticated" } });
    expect(await reader.next()).toBeNull();
  });

  it("refuses a document that does not exist", async () => {
    await expect(openDocumentEventStream({ actor: observer, documentId: "missing", cookieHeader: undefined, signal: new AbortController().signal })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("ends once the reader's session is signed out", async () => {
    const cookieHeader = await sessionCookieFor(testDatabase.database, serbia.id);
    const reader = eventReader(
      await openDocumentEventStream({ actor: serbia, documentId, cookieHeader, signal: new AbortController().signal, keepAliveMilliseconds: 100 }),
    );
    expect((await reader.next())?.event).toBe("ready");
    await testDatabase.database.authSession.updateMany({ where: { userId: serbia.id }, data: { revokedAt: new Date() } });
    expect(await reader.next()).toEqual({ event: "closed", data: { reason: "unauthenticated" } });
    expect(await reader.next()).toBeNull();
    // Nothing is delivered to a closed stream (enqueueing would throw).
    publishDocumentEvent({ type: "thread.updated", documentId, threadId: "any" });
  });
});
