import { requireActor } from "@/lib/auth/current";
import { reopenThread } from "@/lib/comments/reopen-thread";
import { apiRoute } from "@/lib/http";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ threadId: string }> }) => {
  const actor = await requireActor();
  const { threadId } = await params;
  return { thread: await reopenThread({ actor, threadId }) };
});
