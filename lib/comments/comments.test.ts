import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { createDocument } from "@/lib/documents/create-document";
import { createThread } from "@/lib/comments/create-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { editComment } from "@/lib/comments/edit-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { resolveThread } from "@/lib/comments/resolve-thread";
import { reopenThread } from "@/lib/comments/reopen-thread";
import { findThreads } from "@/lib/comments/find-threads";
import { summariseThreadsByEconomy } from "@/lib/comments/summarise-by-economy";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";
import type { Actor } from "@/lib/policy";

let testDatabase: TestDatabase;
let secretariat: Actor;
let albania: Actor;
let albaniaColleague: Actor;
let serbia: Actor;
let observer: Actor;
let documentId: string;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  const database = testDatabase.database;
  secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Sara Secretariat" });
  albania = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL", name: "Arben Hoxha" });
  albaniaColleague = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL", name: "Elira Kola" });
  serbia = await createTestActor(database, { role: "DELEGATE", organisationCode: "RS", name: "Milica Jovanović" });
  observer = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC", name: "Eva Commission" });
  ({ id: documentId } = await createDocument({ actor: secretariat, title: "Comments test draft", template: "memorandum" }));
});
afterAll(async () => testDatabase.drop());

/** Every row a comment operation could write, so a refused one can be shown to have stored nothing. */
async function rowCounts() {
  const database = testDatabase.database;
  const [threads, comments, mentions, auditEvents] = await Promise.all([
    database.commentThread.count(),
    database.comment.count(),
    database.commentMention.count(),
    database.auditEvent.count(),
  ]);
  return { threads, comments, mentions, auditEvents };
}

/** Snapshot of one thread and its comments, to show a refused change left them as they were. */
async function threadSnapshot(threadId: string) {
  return testDatabase.database.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: { comments: { include: { mentions: true } } } });
}

const albanianRemark = () =>
  createThread({ actor: albania, documentId, kind: "REMARK", quote: "electronic identification", body: "Albania would prefer 'eID'." });

describe("creating threads", () => {
  it("stores the thread and its first comment for the economy of the session, with an audit event", async () => {
    const before = await rowCounts();
    const thread = await createThread({
      actor: albania,
      documentId,
      kind: "PROPOSAL",
      quote: "trust services",
      body: "  Replace with 'qualified trust services'.  ",
      suggestedText: "qualified trust services",
    });
    expect(thread).toMatchObject({
      organisationCode: "AL",
      author: { id: albania.id, organisationCode: "AL" },
      kind: "PROPOSAL",
      status: "OPEN",
      quote: "trust services",
      suggestedText: "qualified trust services",
      comments: [{ body: "Replace with 'qualified trust services'.", organisationCode: "AL", editedAt: null, deletedAt: null }],
      abilities: { canReply: true, canResolve: true, canReopen: false, canApplySuggestion: false, canTurnIntoSuggestion: false },
    });
    expect(await rowCounts()).toEqual({ ...before, threads: before.threads + 1, comments: before.comments + 1, auditEvents: before.auditEvents + 1 });
    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { targetId: thread.id } });
    expect(event).toMatchObject({ action: "thread.created", actorId: albania.id, organisationCode: "AL" });
  });

  it("refuses a delegate posting as another economy, even when the request says so, and stores nothing", async () => {
    const before = await rowCounts();
    await expect(
      createThread({ actor: albania, documentId, organisationCode: "RS", kind: "REMARK", quote: "Article 1", body: "Serbia objects." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createThread({ actor: secretariat, documentId, organisationCode: "AL", kind: "REMARK", quote: "Article 1", body: "On Albania's behalf." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const thread = await albanianRemark();
    const afterThread = await rowCounts();
    const snapshot = await threadSnapshot(thread.id);
    await expect(replyToThread({ actor: serbia, threadId: thread.id, organisationCode: "AL", body: "Albania withdraws this." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await rowCounts()).toEqual({ ...before, threads: before.threads + 1, comments: before.comments + 1, auditEvents: before.auditEvents + 1 });
    expect(await rowCounts()).toEqual(afterThread);
    expect(await threadSnapshot(thread.id)).toEqual(snapshot);
  });

  it("rejects empty, oversized and malformed comments with field messages, storing nothing", async () => {
    const before = await rowCounts();
    const valid = { actor: albania, documentId, kind: "REMARK" as const, quote: "Article 2", body: "A fine remark." };
    const cases: [Record<string, unknown>, string][] = [
      [{ body: "" }, "body"],
      [{ body: "   \n  " }, "body"],
      [{ body: "x".repeat(COMMENT_MAX_LENGTH + 1) }, "body"],
      [{ body: 42 }, "body"],
      [{ body: "hidden\u0000text" }, "body"],
      [{ body: undefined }, "body"],
      [{ kind: "VETO" }, "kind"],
      [{ kind: undefined }, "kind"],
      [{ quote: "" }, "quote"],
      [{ quote: "   " }, "quote"],
      [{ quote: "y".repeat(COMMENT_MAX_LENGTH + 1) }, "quote"],
      [{ suggestedText: "new words" }, "suggestedText"],
      [{ kind: "PROPOSAL", suggestedText: "z".repeat(COMMENT_MAX_LENGTH + 1) }, "suggestedText"],
      [{ body: "Ask @[Nobody](nonexistent-user-id) about it." }, "body"],
    ];
    for (const [override, field] of cases) {
      const attempt = createThread({ ...valid, ...override } as Parameters<typeof createThread>[0]);
      await expect(attempt, JSON.stringify(override).slice(0, 80)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { [field]: [expect.any(String)] },
      });
    }
    await expect(createThread({ ...valid, body: "" })).rejects.toMatchObject({ fieldErrors: { body: ["Write something before posting."] } });
    expect(await rowCounts()).toEqual(before);
  });

  it("answers NOT_FOUND for a document that does not exist", async () => {
    await expect(createThread({ actor: albania, documentId: "no-such-document", kind: "REMARK", quote: "x", body: "y" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("what an observer may do", () => {
  it("reads every thread but cannot create, reply, edit, delete, resolve or reopen; nothing is stored", async () => {
    const thread = await albanianRemark();
    const [comment] = thread.comments;
    const resolved = await albanianRemark();
    await resolveThread({ actor: albania, threadId: resolved.id });
    const before = await rowCounts();
    const snapshots = [await threadSnapshot(thread.id), await threadSnapshot(resolved.id)];

    const attempts = [
      createThread({ actor: observer, documentId, kind: "QUESTION", quote: "Article 3", body: "Why?" }),
      replyToThread({ actor: observer, threadId: thread.id, body: "The Commission agrees." }),
      editComment({ actor: observer, commentId: comment.id, body: "Rewritten by the observer." }),
      deleteComment({ actor: observer, commentId: comment.id }),
      resolveThread({ actor: observer, threadId: thread.id }),
      reopenThread({ actor: observer, threadId: resolved.id }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await rowCounts()).toEqual(before);
    expect([await threadSnapshot(thread.id), await threadSnapshot(resolved.id)]).toEqual(snapshots);

    const visible = await findThreads({ actor: observer, documentId });
    const seen = visible.find((item) => item.id === thread.id);
    expect(seen?.comments[0].body).toBe("Albania would prefer 'eID'.");
    expect(seen?.abilities).toEqual({ canReply: false, canResolve: false, canReopen: false, canApplySuggestion: false, canTurnIntoSuggestion: false });
    expect(seen?.comments[0].abilities).toEqual({ canEdit: false, canDelete: false });
  });
});

describe("conversation and status", () => {
  it("goes ANSWERED when another economy or the secretariat replies, and OPEN when the raising economy has the last word", async () => {
    const thread = await albanianRemark();
    expect((await replyToThread({ actor: albaniaColleague, threadId: thread.id, body: "Seconded." })).status).toBe("OPEN");
    const answered = await replyToThread({ actor: serbia, threadId: thread.id, body: "Serbia can accept 'eID'." });
    expect(answered.status).toBe("ANSWERED");
    expect(answered.comments.at(-1)).toMatchObject({ organisationCode: "RS", author: { name: "Milica Jovanović" } });
    const followUp = await replyToThread({ actor: albania, threadId: thread.id, body: "Only in Article 4?" });
    expect(followUp.status).toBe("OPEN");
    expect((await replyToThread({ actor: secretariat, threadId: thread.id, body: "Throughout the text." })).status).toBe("ANSWERED");

    // Deleting the secretariat's answer gives Albania the last word again.
    const afterReplies = await threadSnapshot(thread.id);
    const answerId = afterReplies.comments.find((comment) => comment.authorId === secretariat.id)!.id;
    const afterDelete = await deleteComment({ actor: secretariat, commentId: answerId });
    expect(afterDelete.status).toBe("OPEN");
    // The tombstone keeps its place: the secretariat's comment came after the follow-up's ones.
    expect(afterDelete.comments).toHaveLength(followUp.comments.length + 1);
    expect(afterDelete.comments.at(-1)).toMatchObject({ id: answerId, body: "", deletedAt: expect.any(String), author: { id: secretariat.id } });
  });

  it("lets delegates resolve only their own economy's threads and the secretariat any; resolved threads take no replies until reopened", async () => {
    const thread = await albanianRemark();
    const snapshot = await threadSnapshot(thread.id);
    const before = await rowCounts();
    await expect(resolveThread({ actor: serbia, threadId: thread.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await rowCounts()).toEqual(before);
    expect(await threadSnapshot(thread.id)).toEqual(snapshot);

    const resolved = await resolveThread({ actor: albaniaColleague, threadId: thread.id });
    expect(resolved).toMatchObject({ status: "RESOLVED", resolvedBy: { id: albaniaColleague.id }, abilities: { canReply: false, canResolve: false } });
    await expect(resolveThread({ actor: albania, threadId: thread.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(replyToThread({ actor: serbia, threadId: thread.id, body: "Late answer." })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(editComment({ actor: albania, commentId: thread.comments[0].id, body: "Changed after settling." })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reopenThread({ actor: serbia, threadId: thread.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const reopened = await reopenThread({ actor: secretariat, threadId: thread.id });
    expect(reopened).toMatchObject({ status: "OPEN", resolvedBy: null, resolvedAt: null });
    await expect(reopenThread({ actor: albania, threadId: thread.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await resolveThread({ actor: secretariat, threadId: thread.id })).status).toBe("RESOLVED");
  });
});

describe("editing and deleting comments", () => {
  it("lets authors edit and delete only their own comments, keeping a tombstone", async () => {
    const thread = await albanianRemark();
    const [comment] = thread.comments;
    const before = await rowCounts();
    const snapshot = await threadSnapshot(thread.id);
    for (const actor of [serbia, albaniaColleague, secretariat]) {
      await expect(editComment({ actor, commentId: comment.id, body: "Not yours to change." })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteComment({ actor, commentId: comment.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await rowCounts()).toEqual(before);
    expect(await threadSnapshot(thread.id)).toEqual(snapshot);

    await expect(editComment({ actor: albania, commentId: comment.id, body: "   " })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { body: expect.any(Array) } });
    expect(await threadSnapshot(thread.id)).toEqual(snapshot);

    const edited = await editComment({ actor: albania, commentId: comment.id, body: "Albania would prefer 'eID' throughout." });
    expect(edited.comments[0]).toMatchObject({ body: "Albania would prefer 'eID' throughout.", editedAt: expect.any(String) });

    const deleted = await deleteComment({ actor: albania, commentId: comment.id });
    expect(deleted.comments[0]).toMatchObject({ body: "", deletedAt: expect.any(String), abilities: { canEdit: false, canDelete: false } });
    expect((await threadSnapshot(thread.id)).comments[0].body).toBe("");
    await expect(editComment({ actor: albania, commentId: comment.id, body: "Back from the dead." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteComment({ actor: albania, commentId: comment.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("mentions", () => {
  it("stores each mentioned member once, replaces them on edit and refuses unknown or deactivated people", async () => {
    const body = `@[Milica Jovanović](${serbia.id}) and @[Sara](${secretariat.id}), see @[Milica](${serbia.id}) above.`;
    const thread = await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "Article 5", body });
    expect(thread.comments[0].mentions.map((person) => person.id).sort()).toEqual([serbia.id, secretariat.id].sort());
    const edited = await editComment({ actor: albania, commentId: thread.comments[0].id, body: `Only @[Sara](${secretariat.id}).` });
    expect(edited.comments[0].mentions).toEqual([{ id: secretariat.id, name: "Sara Secretariat", organisationCode: "RCC" }]);

    const leaving = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
    await testDatabase.database.user.update({ where: { id: leaving.id }, data: { isActive: false } });
    const before = await rowCounts();
    await expect(replyToThread({ actor: serbia, threadId: thread.id, body: `Ask @[Former](${leaving.id}).` })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { body: ["@Former is not an active member of the working group."] },
    });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("finding threads and counting them per economy", () => {
  it("filters by economy, kind, status and author, sorts by date, and counts per economy", async () => {
    const { id: otherDocumentId } = await createDocument({ actor: secretariat, title: "Filters test draft" });
    const question = await createThread({ actor: serbia, documentId: otherDocumentId, kind: "QUESTION", quote: "a", body: "Serbian question" });
    const reservation = await createThread({ actor: albania, documentId: otherDocumentId, kind: "RESERVATION", quote: "b", body: "Albanian reservation" });
    const remark = await createThread({ actor: albaniaColleague, documentId: otherDocumentId, kind: "REMARK", quote: "c", body: "Albanian remark" });
    await replyToThread({ actor: serbia, threadId: remark.id, body: "Noted." });
    await resolveThread({ actor: albania, threadId: reservation.id });

    const ids = async (filters: Record<string, string>) =>
      (await findThreads({ actor: observer, documentId: otherDocumentId, ...filters })).map((thread) => thread.id);
    expect(await ids({ sort: "date" })).toEqual([remark.id, reservation.id, question.id]);
    expect(await ids({ economy: "AL", sort: "date" })).toEqual([remark.id, reservation.id]);
    expect(await ids({ kind: "QUESTION" })).toEqual([question.id]);
    expect(await ids({ status: "ANSWERED" })).toEqual([remark.id]);
    expect(await ids({ status: "RESOLVED" })).toEqual([reservation.id]);
    expect(await ids({ author: albaniaColleague.id })).toEqual([remark.id]);
    expect(await ids({ economy: "", kind: "", status: "", author: "", sort: "date" })).toHaveLength(3);
    await expect(findThreads({ actor: observer, documentId: otherDocumentId, economy: "XX" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { economy: expect.any(Array) } });
    await expect(findThreads({ actor: observer, documentId: otherDocumentId, sort: "votes" })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    const summary = await summariseThreadsByEconomy({ actor: observer, documentId: otherDocumentId });
    expect(summary.find((row) => row.organisationCode === "AL")).toEqual({ organisationCode: "AL", open: 0, answered: 1, resolved: 1 });
    expect(summary.find((row) => row.organisationCode === "RS")).toEqual({ organisationCode: "RS", open: 1, answered: 0, resolved: 0 });
    expect(summary.map((row) => row.organisationCode)).toEqual(["AL", "BA", "XK", "ME", "MK", "RS"]);
    await expect(summariseThreadsByEconomy({ actor: observer, documentId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
