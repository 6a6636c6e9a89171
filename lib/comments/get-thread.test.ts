import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { createThread } from "@/lib/comments/create-thread";
import { findThreads } from "@/lib/comments/find-threads";
import { getThread } from "@/lib/comments/get-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import type { Actor } from "@/lib/policy";

const comment = (threadId: string) => ({ type: "comment", attrs: { threadId } });
const paragraph = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: "paragraph", attrs: { numbered: false }, content });

let testDatabase: TestDatabase;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let observer: Actor;
let documentId: string;
let otherDocumentId: string;
let threadId: string;
let otherThreadId: string;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  const database = testDatabase.database;
  secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
  albania = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL" });
  serbia = await createTestActor(database, { role: "DELEGATE", organisationCode: "RS" });
  observer = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC" });
  ({ id: documentId } = await createDocument({ actor: secretariat, title: "Single thread draft" }));
  ({ id: otherDocumentId } = await createDocument({ actor: secretariat, title: "Another draft" }));
  ({ id: threadId } = await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "shall designate", body: "Which body?" }));
  await createThread({ actor: serbia, documentId, kind: "REMARK", quote: "a body", body: "Fine." });
  ({ id: otherThreadId } = await createThread({ actor: albania, documentId: otherDocumentId, kind: "REMARK", quote: "Article", body: "Elsewhere." }));
  await replyToThread({ actor: serbia, threadId, body: "The supervisory body." });
  // The text as the editors left it: the question's passage marked in the second paragraph.
  const json: ProseMirrorJson = {
    type: "doc",
    content: [
      paragraph({ type: "text", text: "Article 1." }),
      paragraph({ type: "text", text: "Each Participant " }, { type: "text", text: "shall designate", marks: [comment(threadId)] }, { type: "text", text: " a body." }),
    ],
  };
  await database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(json)) } });
});
afterAll(async () => testDatabase.drop());

describe("one thread of a document", () => {
  it("is the thread as the list shows it to the same reader, with its anchor placed by the server", async () => {
    for (const reader of [observer, serbia, albania, secretariat]) {
      const listed = (await findThreads({ actor: reader, documentId })).find((thread) => thread.id === threadId);
      const single = await getThread({ actor: reader, documentId, threadId });
      expect(single).toEqual(listed);
    }
    const single = await getThread({ actor: observer, documentId, threadId });
    expect(single).toMatchObject({
      id: threadId,
      documentId,
      kind: "QUESTION",
      status: "ANSWERED",
      isDetached: false,
      anchoredText: "shall designate",
      // After the first block (its text and its boundary) and the words before the passage.
      position: "Article 1.".length + 1 + "Each Participant ".length,
      comments: [{ body: "Which body?" }, { body: "The supervisory body." }],
      // An observer reads everything and may do nothing.
      abilities: { canReply: false, canResolve: false, canReopen: false, canApplySuggestion: false, canTurnIntoSuggestion: false },
    });
    // Abilities are the reader's own.
    expect((await getThread({ actor: albania, documentId, threadId })).abilities).toMatchObject({ canReply: true, canResolve: true });
    expect((await getThread({ actor: serbia, documentId, threadId })).abilities).toMatchObject({ canReply: true, canResolve: false });
  });

  it("carries no position when the client places the anchors itself", async () => {
    const single = await getThread({ actor: observer, documentId, threadId, anchors: "client" });
    expect(single).toMatchObject({ id: threadId, comments: [{ body: "Which body?" }, { body: "The supervisory body." }] });
    expect(single).not.toHaveProperty("position");
    expect(single).not.toHaveProperty("anchoredText");
  });

  it("refuses what the policy refuses for the list: no session, a deactivated account; and is not found through another document", async () => {
    await expect(getThread({ actor: null as unknown as Actor, documentId, threadId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(getThread({ actor: { ...serbia, isActive: false }, documentId, threadId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(findThreads({ actor: { ...serbia, isActive: false }, documentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A thread of another document, asked for through this one, does not exist here.
    await expect(getThread({ actor: secretariat, documentId, threadId: otherThreadId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread({ actor: secretariat, documentId: otherDocumentId, threadId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread({ actor: secretariat, documentId, threadId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread({ actor: secretariat, documentId: "missing", threadId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates its parameters", async () => {
    await expect(getThread({ actor: observer, documentId, threadId, anchors: "browser" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { anchors: expect.any(Array) } });
    await expect(getThread({ actor: observer, documentId, threadId: "x".repeat(65) })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { threadId: expect.any(Array) } });
    await expect(getThread({ actor: observer, documentId, threadId: "\ud800" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
