import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { recordSignOff } from "@/lib/signoff/record-sign-off";

/**
 * Records a position: `{ position, reservation?, reason? }` for the delegate's own economy (taken
 * from the session), or `{ organisationCode, onBehalfReason, ... }` for the secretariat.
 */
export const POST = apiRoute(async (request, { params }: { params: Promise<{ roundId: string }> }) => {
  const actor = await requireActor();
  const { roundId } = await params;
  const body = await readJsonBody(request, actor);
  return recordSignOff({ ...body, actor, roundId } as Parameters<typeof recordSignOff>[0]);
});
