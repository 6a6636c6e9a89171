import { requireActor } from "@/lib/auth/current";
import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { apiRoute, readJsonBody } from "@/lib/http";

type Context = { params: Promise<{ commentId: string }> };

/** Changes the text of one's own comment. */
export const PATCH = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { commentId } = await params;
  const body = await readJsonBody(request, actor);
  return { thread: await editComment({ ...body, actor, commentId } as Parameters<typeof editComment>[0]) };
});

/** Deletes one's own comment, leaving a tombstone in the thread. */
export const DELETE = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { commentId } = await params;
  return { thread: await deleteComment({ actor, commentId }) };
});
