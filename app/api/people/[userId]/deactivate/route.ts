import { requireActor } from "@/lib/auth/current";
import { deactivateUser } from "@/lib/people/accounts";
import { apiRoute } from "@/lib/http";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ userId: string }> }) => {
  const actor = await requireActor();
  await deactivateUser({ actor, userId: (await params).userId });
  return { ok: true };
});
