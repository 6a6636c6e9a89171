import { requireActor } from "@/lib/auth/current";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { apiRoute, readJsonBody } from "@/lib/http";

/** Replies to a thread, for the economy of the signed-in person. */
export const POST = apiRoute(async (request, { params }: { params: Promise<{ threadId: string }> }) => {
  const actor = await requireActor();
  const { threadId } = await params;
  const body = await readJsonBody(request, actor);
  return { thread: await replyToThread({ ...body, actor, threadId } as Parameters<typeof replyToThread>[0]) };
});
