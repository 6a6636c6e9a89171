import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";
import { openRound } from "@/lib/signoff/open-round";

type Context = { params: Promise<{ documentId: string }> };

/** The sign-off matrix: every economy's position in every round of the document. */
export const GET = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  return findSignOffMatrix({ actor, documentId });
});

/** Opens a round: `{ versionId, dueDate? }` (dueDate as YYYY-MM-DD). */
export const POST = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const body = await readJsonBody(request, actor);
  return openRound({ ...body, actor, documentId } as Parameters<typeof openRound>[0]);
});
