import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { jsonFromYjsState, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { applySuggestion } from "@/lib/comments/apply-suggestion";
import { createThread } from "@/lib/comments/create-thread";
import { findThreads } from "@/lib/comments/find-threads";
import type { Actor } from "@/lib/policy";

const comment = (threadId: string) => ({ type: "comment", attrs: { threadId } });
const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []): ProseMirrorJson =>
  marks.length ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: "paragraph", attrs: { numbered: false }, content });
const doc = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: "doc", content });

/** The first Y.XmlText of the n-th block, where the collaborative binding keeps a paragraph's text. */
function textOfBlock(ydoc: Y.Doc, index: number): Y.XmlText {
  return (ydoc.getXmlFragment(DOCUMENT_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("comment anchors in the Yjs document", () => {
  it("survive the round trip through the shared schema, overlapping marks included", () => {
    const json = doc(
      paragraph(text("The Participants "), text("shall recognise", [comment("t1")]), text(" qualified "), text("trust", [comment("t1"), comment("t2")]), text(" services", [comment("t2")])),
    );
    const state = yjsStateFromJson(json);
    expect(jsonFromYjsState(state)).toEqual(json);
    const anchors = findThreadAnchors(state);
    expect(anchors.get("t1")).toEqual({ position: "The Participants ".length, text: "shall recognisetrust" });
    expect(anchors.get("t2")).toEqual({ position: "The Participants shall recognise qualified ".length, text: "trust services" });
  });

  it("follow their words through edits before, inside and around them, and vanish when the words are deleted", () => {
    const state = yjsStateFromJson(doc(paragraph(text("Article text before. ")), paragraph(text("Each Participant "), text("shall designate", [comment("t1")]), text(" a body."))));
    const albania = new Y.Doc();
    const serbia = new Y.Doc();
    Y.applyUpdate(albania, state);
    Y.applyUpdate(serbia, state);

    // Concurrently: Albania types inside the passage, Serbia rewrites the words around it.
    textOfBlock(albania, 1).insert("Each Participant shall ".length, "promptly ");
    textOfBlock(serbia, 1).delete(0, "Each Participant ".length);
    textOfBlock(serbia, 1).insert(0, "Every Party ");
    textOfBlock(serbia, 0).insert(0, "Preamble. ");
    Y.applyUpdate(albania, Y.encodeStateAsUpdate(serbia));
    Y.applyUpdate(serbia, Y.encodeStateAsUpdate(albania));

    const merged = Y.encodeStateAsUpdate(albania);
    expect(findThreadAnchors(merged).get("t1")?.text).toBe("shall promptly designate");
    expect(findThreadAnchors(Y.encodeStateAsUpdate(serbia)).get("t1")?.text).toBe("shall promptly designate");
    const paragraphs = jsonFromYjsState(merged).content!.map((block) => block.content!.map((piece) => piece.text).join(""));
    expect(paragraphs).toEqual(["Preamble. Article text before. ", "Every Party shall promptly designate a body."]);

    textOfBlock(albania, 1).delete("Every Party ".length, "shall promptly designate".length);
    expect(findThreadAnchors(Y.encodeStateAsUpdate(albania)).has("t1")).toBe(false);
  });
});

describe("anchors in the thread list and applying proposals", () => {
  let testDatabase: TestDatabase;
  let secretariat: Actor;
  let albania: Actor;

  beforeAll(async () => {
    testDatabase = await createSqliteTestDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  });
  afterAll(async () => testDatabase.drop());

  /** Stores the document's text as the collaboration server would after the editors' edits. */
  async function storeText(documentId: string, json: ProseMirrorJson) {
    await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(json)) } });
  }

  it("sorts by the passages' reading order and lists threads whose words are gone as detached, last", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Anchors draft" });
    const later = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "second", body: "On the second passage." });
    const earlier = await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "first", body: "On the first passage." });
    const gone = await createThread({ actor: albania, documentId, kind: "RESERVATION", quote: "deleted words", body: "On words since deleted." });
    const fresh = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "being marked", body: "Its mark is on its way." });
    await testDatabase.database.commentThread.updateMany({ where: { id: { in: [later.id, earlier.id, gone.id] } }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await storeText(documentId, doc(paragraph(text("first", [comment(earlier.id)]), text(" and "), text("second", [comment(later.id)]))));

    const threads = await findThreads({ actor: albania, documentId });
    // Anchored threads in reading order, then those without a passage, newest first.
    expect(threads.map((thread) => thread.id)).toEqual([earlier.id, later.id, fresh.id, gone.id]);
    const byId = new Map(threads.map((thread) => [thread.id, thread]));
    expect(byId.get(earlier.id)).toMatchObject({ isDetached: false, anchoredText: "first", position: 0 });
    expect(byId.get(gone.id)).toMatchObject({ isDetached: true, anchoredText: null, position: null, quote: "deleted words" });
    // Just created, its passage's mark has not reached the stored document yet: not detached.
    expect(byId.get(fresh.id)).toMatchObject({ isDetached: false, position: null });
  });

  it("marks a proposal applied only once the stored document carries its wording at the passage", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Proposal draft" });
    const proposal = await createThread({
      actor: albania,
      documentId,
      kind: "PROPOSAL",
      quote: "may recognise",
      body: "Stronger, please.",
      suggestedText: "shall recognise",
    });
    await storeText(documentId, doc(paragraph(text("The Participants "), text("may recognise", [comment(proposal.id)]), text(" each other's signatures."))));

    await expect(applySuggestion({ actor: albania, threadId: proposal.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(applySuggestion({ actor: secretariat, threadId: proposal.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("does not show the proposed wording") });
    expect(await testDatabase.database.commentThread.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ appliedAt: null, status: "OPEN" });

    // The secretariat's editor replaced the words, keeping the thread's mark on the new ones.
    await storeText(documentId, doc(paragraph(text("The Participants "), text("shall recognise", [comment(proposal.id)]), text(" each other's signatures."))));
    const applied = await applySuggestion({ actor: secretariat, threadId: proposal.id });
    expect(applied).toMatchObject({ status: "RESOLVED", appliedAt: expect.any(String), resolvedBy: { id: secretariat.id }, abilities: { canApplySuggestion: false } });
    await expect(applySuggestion({ actor: secretariat, threadId: proposal.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { targetId: proposal.id, action: "thread.suggestionApplied" } });
    expect(JSON.parse(event.data)).toMatchObject({ previousText: "may recognise", appliedText: "shall recognise" });

    const remark = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "each other's", body: "Fine." });
    await expect(applySuggestion({ actor: secretariat, threadId: remark.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(applySuggestion({ actor: secretariat, threadId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
