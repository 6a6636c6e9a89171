import type { Prisma } from "@/generated/sqlite/client";
import { can, type Actor } from "@/lib/policy";
import { documentTargetSelect, toDocumentTarget } from "@/lib/comments/targets";

const person = { select: { id: true, name: true, organisationCode: true } } satisfies Prisma.UserDefaultArgs;

/** What every thread query loads, so the views and their abilities are built from the same rows. */
export const threadInclude = {
  author: person,
  resolvedBy: person,
  // For abilities that depend on the document (a proposal is not turned into a suggestion in approved minutes).
  document: { select: documentTargetSelect },
  comments: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.CommentOrderByWithRelationInput[],
    include: { author: person, mentions: { include: { user: person } } },
  },
} satisfies Prisma.CommentThreadInclude;

type Person = { id: string; name: string; organisationCode: string };

/** A thread as loaded with `threadInclude`, plus whether it is detached. */
export type ThreadRow = {
  id: string;
  documentId: string;
  organisationCode: string;
  authorId: string;
  kind: "REMARK" | "PROPOSAL" | "RESERVATION" | "QUESTION";
  status: "OPEN" | "ANSWERED" | "RESOLVED";
  quote: string;
  suggestedText: string | null;
  isDetached: boolean;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  appliedAt: Date | null;
  author: Person;
  resolvedBy: Person | null;
  document: Parameters<typeof toDocumentTarget>[0];
  comments: {
    id: string;
    authorId: string;
    organisationCode: string;
    body: string;
    createdAt: Date;
    editedAt: Date | null;
    deletedAt: Date | null;
    author: Person;
    mentions: { user: Person }[];
  }[];
};

export type ThreadKind = ThreadRow["kind"];
export type ThreadStatus = ThreadRow["status"];
export const THREAD_KINDS = ["REMARK", "PROPOSAL", "RESERVATION", "QUESTION"] as const satisfies readonly ThreadKind[];
export const THREAD_STATUSES = ["OPEN", "ANSWERED", "RESOLVED"] as const satisfies readonly ThreadStatus[];

/** A comment as the client sees it: a deleted one is a tombstone with no text. */
export type CommentView = {
  id: string;
  author: Person;
  organisationCode: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  mentions: Person[];
  abilities: { canEdit: boolean; canDelete: boolean };
};

/** A thread as the client sees it, with what the viewer may do to it. Dates are ISO strings so the view crosses to the browser unchanged. */
export type ThreadView = {
  id: string;
  documentId: string;
  organisationCode: string;
  kind: ThreadKind;
  status: ThreadStatus;
  quote: string;
  suggestedText: string | null;
  isDetached: boolean;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  appliedAt: string | null;
  author: Person;
  resolvedBy: Person | null;
  comments: CommentView[];
  abilities: { canReply: boolean; canResolve: boolean; canReopen: boolean; canApplySuggestion: boolean; canTurnIntoSuggestion: boolean };
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Policy target of a thread row. */
export function threadTarget(thread: { id: string; organisationCode: string; authorId: string; documentId: string }) {
  return { id: thread.id, organisationCode: thread.organisationCode, authorId: thread.authorId, documentId: thread.documentId };
}

/** Builds the client's view of a loaded thread for one viewer. */
export function toThreadView(thread: ThreadRow, actor: Actor): ThreadView {
  const target = threadTarget(thread);
  const isResolved = thread.status === "RESOLVED";
  return {
    id: thread.id,
    documentId: thread.documentId,
    organisationCode: thread.organisationCode,
    kind: thread.kind,
    status: thread.status,
    quote: thread.quote,
    suggestedText: thread.suggestedText,
    isDetached: thread.isDetached,
    createdAt: thread.createdAt.toISOString(),
    updatedAt: thread.updatedAt.toISOString(),
    resolvedAt: iso(thread.resolvedAt),
    appliedAt: iso(thread.appliedAt),
    author: thread.author,
    resolvedBy: thread.resolvedBy,
    comments: thread.comments.map((comment) => {
      const commentTarget = { id: comment.id, authorId: comment.authorId, deletedAt: comment.deletedAt, thread: target };
      return {
        id: comment.id,
        author: comment.author,
        organisationCode: comment.organisationCode,
        body: comment.deletedAt ? "" : comment.body,
        createdAt: comment.createdAt.toISOString(),
        editedAt: iso(comment.editedAt),
        deletedAt: iso(comment.deletedAt),
        mentions: comment.deletedAt ? [] : comment.mentions.map((mention) => mention.user),
        // A resolved thread's record stays as it was settled until someone reopens it.
        abilities: {
          canEdit: !isResolved && can(actor, "comment.edit", commentTarget),
          canDelete: !isResolved && can(actor, "comment.delete", commentTarget),
        },
      };
    }),
    abilities: {
      canReply: !isResolved && can(actor, "thread.reply", target),
      canResolve: !isResolved && can(actor, "thread.resolve", target),
      canReopen: isResolved && can(actor, "thread.reopen", target),
      // Applying it or turning it into a suggestion settles a proposal (and resolves its thread), so
      // only an open proposal offers either: a resolved one may already stand in the text as a suggestion.
      canApplySuggestion:
        thread.kind === "PROPOSAL" && thread.suggestedText !== null && thread.appliedAt === null && !isResolved && !thread.isDetached && can(actor, "thread.applySuggestion", target),
      canTurnIntoSuggestion:
        thread.kind === "PROPOSAL" &&
        thread.suggestedText !== null &&
        thread.appliedAt === null &&
        !isResolved &&
        !thread.isDetached &&
        can(actor, "thread.turnIntoSuggestion", { thread: target, document: toDocumentTarget(thread.document) }),
    },
  };
}
