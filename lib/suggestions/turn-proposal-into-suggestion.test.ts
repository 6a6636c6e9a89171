import type { HocuspocusProvider } from "@hocuspocus/provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { parseUpdateRefusedMessage } from "@/lib/collab/protocol";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { createThread } from "@/lib/comments/create-thread";
import { reopenThread } from "@/lib/comments/reopen-thread";
import { documentSchema, jsonFromYDoc, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import type { Actor } from "@/lib/policy";
import { findStoredSuggestions } from "@/lib/suggestions/find-open-suggestions";
import { proposalSuggestionId } from "@/lib/suggestions/proposal-suggestion";
import { HeadlessEditor } from "@/lib/suggestions/testing";
import { turnProposalIntoSuggestion } from "@/lib/suggestions/turn-proposal-into-suggestion";
import { createTestActor } from "@/lib/testing/actors";
import { closeClient, connectProvider, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor, waitForSaved } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let observer: Actor;
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Sara Secretariat" });
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL", name: "Arta Delegate" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS", name: "Stefan Delegate" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
  server = await startInProcessCollaboration({});
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

/** Article 1 with the words `passage` anchored to `threadId` (or left unanchored with null). */
function textWithPassage(passage: string, threadId: string | null): ProseMirrorJson {
  const anchored = threadId ? [{ type: COMMENT_MARK, attrs: { threadId } }] : [];
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: "Scope" }] },
      {
        type: "paragraph",
        attrs: { numbered: true },
        content: [
          { type: "text", text: "The Participants shall " },
          { type: "text", text: passage, ...(anchored.length ? { marks: anchored } : {}) },
          { type: "text", text: " trust services." },
        ],
      },
    ],
  };
}

/** A negotiation document with Albania's proposal on "cooperate on"; `isAnchored` false leaves its passage unmarked (as after it was deleted). */
async function createProposal({ wording = "work closely together on", kind = "PROPOSAL", isAnchored = true }: { wording?: string; kind?: "PROPOSAL" | "REMARK"; isAnchored?: boolean } = {}) {
  const document = await testDatabase.database.document.create({
    data: { workingGroupId: testDatabase.workingGroupId, kind: "MOU", title: "MoU", draftingRule: "NEGOTIATION", yjsState: Buffer.from(yjsStateFromJson(textWithPassage("cooperate on", null))) },
    select: { id: true },
  });
  const thread = await createThread({ actor: albania, documentId: document.id, kind, quote: "cooperate on", body: "Albania proposes stronger wording.", suggestedText: kind === "PROPOSAL" ? wording : null });
  if (isAnchored) {
    await testDatabase.database.document.update({ where: { id: document.id }, data: { yjsState: Buffer.from(yjsStateFromJson(textWithPassage("cooperate on", thread.id))) } });
  }
  return { documentId: document.id, threadId: thread.id };
}

async function open(actor: Actor, documentId: string) {
  return (await join(actor, documentId)).client;
}

/** An open copy of the document for the actor, with the server's refusals of its updates. */
async function join(actor: Actor, documentId: string) {
  const refusals: string[] = [];
  const client = connectProvider({
    url: server.url,
    documentId,
    cookie: await sessionCookieFor(testDatabase.database, actor.id),
    onStateless: ({ payload }) => {
      const refusal = parseUpdateRefusedMessage(payload);
      if (refusal) refusals.push(refusal.detail);
    },
  });
  clients.push(client);
  await waitForSaved(client);
  return { client, refusals };
}

/** Takes a suggestion back in the actor's open copy, as "Withdraw" in the suggestions panel does. */
function withdraw(client: HocuspocusProvider, actor: Actor, suggestionId: string): void {
  const editor = new HeadlessEditor(client.document, { id: actor.id, name: actor.name, organisationCode: actor.organisationCode });
  const transaction = editor.editorState.tr;
  applySuggestionOutcomes(transaction, new Map([[suggestionId, "reject"]]));
  Y.applyUpdate(client.document, editor.apply(transaction));
}

const suggestionsIn = (document: Y.Doc) => findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(document)));

async function storedState(documentId: string) {
  const loaded = await loadDocumentState(documentId);
  if (!loaded) throw new Error("no document");
  return loaded.state;
}

describe("turning a proposal comment into a suggestion", () => {
  test("an open editor sees the passage struck through and the wording inserted, in Albania's name; the thread is resolved and audited", async () => {
    const { documentId, threadId } = await createProposal();
    const reader = await open(serbia, documentId);

    const view = await turnProposalIntoSuggestion({ actor: secretariat, threadId });

    const expected = {
      id: proposalSuggestionId(threadId),
      authorId: albania.id,
      authorName: "Arta Delegate",
      organisationCode: "AL",
      deleted: "cooperate on",
      inserted: "work closely together on",
    };
    // Live: Serbia's open copy receives it without reloading, attributed to the proposer, not the secretariat.
    await waitFor(() => suggestionsIn(reader.document).length === 1, { timeoutMs: 5_000, message: "the suggestion to reach an open editor" });
    expect(suggestionsIn(reader.document)).toEqual([expect.objectContaining(expected)]);
    // Grouped as one suggestion: the deletion, then the insertion right after it.
    expect(suggestionsIn(reader.document)[0]!.ranges.map((range) => range.kind)).toEqual(["delete", "insert"]);
    // Durable: the stored text holds the same, and the thread stays anchored, now to both the old and the new words.
    expect(await findStoredSuggestions(documentId)).toEqual([expect.objectContaining(expected)]);
    expect(findThreadAnchors(await storedState(documentId)).get(threadId)?.text).toBe("cooperate onwork closely together on");
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId, userId: secretariat.id } })).toBe(1);

    expect(view).toMatchObject({ status: "RESOLVED", resolvedBy: { id: secretariat.id }, appliedAt: null });
    expect(view.abilities.canTurnIntoSuggestion).toBe(false);
    expect(view.comments.at(-1)).toMatchObject({ author: { id: secretariat.id }, body: expect.stringContaining("Turned into a suggestion in the text, in the name of Arta Delegate (Albania)") });
    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { targetId: threadId, action: "thread.turnedIntoSuggestion" } });
    expect(event.actorId).toBe(secretariat.id);
    expect(JSON.parse(event.data)).toMatchObject({ documentId, suggestionId: expected.id, economy: "AL", authorId: albania.id, deleted: "cooperate on", inserted: "work closely together on" });
    // Albania's delegation hears that its proposal is now a suggestion to be decided.
    expect(await testDatabase.database.notification.findFirst({ where: { userId: albania.id, eventKey: `comment.outcome:suggested:${threadId}` } })).toMatchObject({
      title: expect.stringContaining("Your economy's proposal is now a suggestion"),
    });
  });

  test("under negotiation the server treats it as the proposer's own: Serbia may not remove it, Albania may withdraw it", async () => {
    const { documentId, threadId } = await createProposal();
    await turnProposalIntoSuggestion({ actor: secretariat, threadId });
    const serbian = await join(serbia, documentId);
    const albanian = await join(albania, documentId);

    withdraw(serbian.client, serbia, proposalSuggestionId(threadId));
    await waitFor(() => serbian.refusals.length > 0, { message: "Serbia's removal to be refused" });
    expect(serbian.refusals[0]).toMatch(/only suggest changes/);
    expect(await findStoredSuggestions(documentId)).toHaveLength(1);

    withdraw(albanian.client, albania, proposalSuggestionId(threadId));
    await waitForSaved(albanian.client);
    expect(albanian.refusals).toEqual([]);
    expect(await findStoredSuggestions(documentId)).toEqual([]);
    expect(findThreadAnchors(await storedState(documentId)).get(threadId)?.text).toBe("cooperate on");
  });

  test("wording of several lines becomes suggested paragraphs, still one suggestion", async () => {
    const { documentId, threadId } = await createProposal({ wording: "cooperate on\nexchange information on" });
    await turnProposalIntoSuggestion({ actor: secretariat, threadId });
    const [suggestion, ...others] = await findStoredSuggestions(documentId);
    expect(others).toEqual([]);
    // As pasting two paragraphs over the passage in Suggesting mode: the rest of the paragraph moves to the new one.
    expect(suggestion).toMatchObject({
      id: proposalSuggestionId(threadId),
      organisationCode: "AL",
      deleted: "cooperate on trust services.",
      inserted: "cooperate on\nexchange information on trust services.",
    });
  });

  test("delegates, the proposer included, and observers are refused; nothing changes", async () => {
    const { documentId, threadId } = await createProposal();
    for (const actor of [albania, serbia, observer]) {
      await expect(turnProposalIntoSuggestion({ actor, threadId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(turnProposalIntoSuggestion({ actor: secretariat, threadId: "no-such-thread" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findStoredSuggestions(documentId)).toEqual([]);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId } })).toBe(0);
    expect(await testDatabase.database.commentThread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ status: "OPEN" });
  });

  test("a proposal whose passage is gone is refused with the reason, and nothing changes", async () => {
    const { documentId, threadId } = await createProposal({ isAnchored: false });
    const before = await storedState(documentId);
    await expect(turnProposalIntoSuggestion({ actor: secretariat, threadId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/passage of this proposal is no longer in the document/),
    });
    expect(await storedState(documentId)).toEqual(before);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId } })).toBe(0);
    expect(await testDatabase.database.commentThread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ status: "OPEN" });
    expect(await testDatabase.database.auditEvent.count({ where: { targetId: threadId, action: "thread.turnedIntoSuggestion" } })).toBe(0);
    expect(await testDatabase.database.comment.count({ where: { threadId } })).toBe(1);
  });

  test("a remark, a resolved thread and a proposal already turned into a suggestion are refused", async () => {
    const remark = await createProposal({ kind: "REMARK" });
    await expect(turnProposalIntoSuggestion({ actor: secretariat, threadId: remark.threadId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/proposes no wording/) });

    const { documentId, threadId } = await createProposal();
    await turnProposalIntoSuggestion({ actor: secretariat, threadId });
    await expect(turnProposalIntoSuggestion({ actor: secretariat, threadId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already turned into a suggestion/) });
    // Reopened for more discussion: still one suggestion in the text, not the same words twice.
    await reopenThread({ actor: secretariat, threadId });
    await expect(turnProposalIntoSuggestion({ actor: secretariat, threadId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already turned into a suggestion/) });
    expect(await findStoredSuggestions(documentId)).toHaveLength(1);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId } })).toBe(1);
  });
});
