import { requireActor } from "@/lib/auth/current";
import { getThread } from "@/lib/comments/get-thread";
import { summariseThreadsByEconomy } from "@/lib/comments/summarise-by-economy";
import { apiRoute } from "@/lib/http";

type Context = { params: Promise<{ documentId: string; threadId: string }> };

/** One thread of the document (`anchors=client` when the caller places anchors itself) and the per-economy summary. */
export const GET = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId, threadId } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const [thread, summary] = await Promise.all([getThread({ ...query, actor, documentId, threadId }), summariseThreadsByEconomy({ actor, documentId })]);
  return { thread, summary };
});
