import { requireActor } from "@/lib/auth/current";
import { createDocument } from "@/lib/documents/create-document";
import { findDocuments } from "@/lib/documents/find-documents";
import { apiRoute, readJsonBody } from "@/lib/http";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return { documents: await findDocuments({ actor }) };
});

export const POST = apiRoute(async (request) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  return createDocument({ ...body, actor } as Parameters<typeof createDocument>[0]);
});
