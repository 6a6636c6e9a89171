import { requireActor } from "@/lib/auth/current";
import { createThread } from "@/lib/comments/create-thread";
import { findThreads } from "@/lib/comments/find-threads";
import { summariseThreadsByEconomy } from "@/lib/comments/summarise-by-economy";
import { apiRoute, readJsonBody } from "@/lib/http";

type Context = { params: Promise<{ documentId: string }> };

/** The document's threads (filters: economy, kind, status, author; sort: position or date; `anchors=client` when the caller places anchors itself) and its per-economy summary. */
export const GET = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const [threads, summary] = await Promise.all([findThreads({ ...query, actor, documentId }), summariseThreadsByEconomy({ actor, documentId })]);
  return { threads, summary };
});

/** Opens a thread on a passage, for the economy of the signed-in person. */
export const POST = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const body = await readJsonBody(request, actor);
  return { thread: await createThread({ ...body, actor, documentId } as Parameters<typeof createThread>[0]) };
});
