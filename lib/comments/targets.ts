import type { Database, Transaction } from "@/lib/db";
import type { DocumentTarget, ThreadTarget } from "@/lib/policy";

type Client = Database | Transaction;

/** What the policy needs of a document row, to select with it. */
export const documentTargetSelect = { id: true, kind: true, draftingRule: true, minutesOf: { select: { minutesStatus: true } } } as const;

type DocumentTargetRow = {
  id: string;
  kind: DocumentTarget["kind"];
  draftingRule: NonNullable<DocumentTarget["draftingRule"]>;
  minutesOf: { minutesStatus: NonNullable<DocumentTarget["minutesStatus"]> } | null;
};

/** The policy's view of a document row selected with `documentTargetSelect`. */
export function toDocumentTarget(document: DocumentTargetRow): DocumentTarget {
  return { id: document.id, kind: document.kind, draftingRule: document.draftingRule, minutesStatus: document.minutesOf?.minutesStatus ?? null };
}

/** The policy's view of a document, or undefined when it does not exist. */
export async function findDocumentTarget(client: Client, documentId: string): Promise<DocumentTarget | undefined> {
  const document = await client.document.findUnique({ where: { id: documentId }, select: documentTargetSelect });
  return document ? toDocumentTarget(document) : undefined;
}

/** A thread as the policy and the status rules need it, or undefined when it does not exist. */
export async function findThreadTarget(client: Client, threadId: string): Promise<(ThreadTarget & { status: "OPEN" | "ANSWERED" | "RESOLVED" }) | undefined> {
  const thread = await client.commentThread.findUnique({
    where: { id: threadId },
    select: { id: true, organisationCode: true, authorId: true, documentId: true, status: true },
  });
  return thread ?? undefined;
}

/** A comment with its thread, as the policy needs it, or undefined when it does not exist. */
export async function findCommentTarget(client: Client, commentId: string) {
  const comment = await client.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      authorId: true,
      deletedAt: true,
      body: true,
      thread: { select: { id: true, organisationCode: true, authorId: true, documentId: true, status: true } },
    },
  });
  return comment ?? undefined;
}
