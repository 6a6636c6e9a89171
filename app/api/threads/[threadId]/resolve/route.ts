import { requireActor } from "@/lib/auth/current";
import { resolveThread } from "@/lib/comments/resolve-thread";
import { apiRoute } from "@/lib/http";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ threadId: string }> }) => {
  const actor = await requireActor();
  const { threadId } = await params;
  return { thread: await resolveThread({ actor, threadId }) };
});
