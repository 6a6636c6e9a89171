import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { closeRound } from "@/lib/signoff/close-round";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ roundId: string }> }) => {
  const actor = await requireActor();
  const { roundId } = await params;
  return closeRound({ actor, roundId });
});
