import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { reopenRound } from "@/lib/signoff/reopen-round";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ roundId: string }> }) => {
  const actor = await requireActor();
  const { roundId } = await params;
  return reopenRound({ actor, roundId });
});
