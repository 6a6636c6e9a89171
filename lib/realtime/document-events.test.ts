import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { TEST_NEXTAUTH_SECRET, sessionCookieFor } from "@/lib/testing/collaboration";
import { createDocument } from "@/lib/documents/create-document";
import { createThread } from "@/lib/comments/create-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { resolveThread } from "@/lib/comments/resolve-thread";
import type { DocumentEvent } from "@/lib/realtime/document-event";
import { publishDocumentEvent, subscribeToDocumentEvents } from "@/lib/realtime/document-events";
import { openDocumentEventStream } from "@/lib/realtime/open-document-event-stream";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

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

    const thread = await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "term", body: "Which term?" });
    expect(await reader.next()).toEqual({ event: "thread", data: { type: "thread.created", documentId, threadId: thread.id } });
    await replyToThread({ actor: secretariat, threadId: thread.id, body: "Five years." });
    expect(await reader.next()).toEqual({ event: "thread", data: { type: "comment.created", documentId, threadId: thread.id } });

    abort.abort();
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
