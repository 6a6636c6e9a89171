import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { createVersion } from "@/lib/versions/create-version";
import { findVersions } from "@/lib/versions/find-versions";

type Context = { params: Promise<{ documentId: string }> };

export const GET = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const { versions } = await findVersions({ actor, documentId });
  return { versions };
});

/** Saves the live text: `{ name, isCheckpoint? }`. */
export const POST = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const body = await readJsonBody(request, actor);
  return createVersion({ ...body, actor, documentId } as Parameters<typeof createVersion>[0]);
});
