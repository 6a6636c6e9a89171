import { db } from "@/lib/db";
import type { ExportThread } from "@/lib/exports/place-threads";
import type { ExportSource } from "@/lib/exports/read-source";
import type { Actor } from "@/lib/policy";

/**
 * The threads an export shows: every thread on the document opened up to the moment of export. For
 * a version that includes threads opened after it was saved, since delegations comment on the
 * version circulated to them; a thread whose passage is not in that version's text says so.
 */
export async function findExportThreads({ source }: { actor: Actor; source: ExportSource }): Promise<ExportThread[]> {
  const threads = await db().commentThread.findMany({
    where: { documentId: source.documentId, createdAt: { lte: source.readAt } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      author: { select: { name: true, organisationCode: true } },
      resolvedBy: { select: { name: true, organisationCode: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { name: true, organisationCode: true } } } },
    },
  });
  return threads.map((thread) => ({
    ...thread,
    comments: thread.comments.map((comment) => ({ author: comment.author, body: comment.deletedAt ? "" : comment.body, createdAt: comment.createdAt, isDeleted: comment.deletedAt !== null })),
  }));
}
