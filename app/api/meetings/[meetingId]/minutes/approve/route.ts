import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { approveMinutes } from "@/lib/meetings/approve-minutes";

export const POST = apiRoute(async (_request, { params }: { params: Promise<{ meetingId: string }> }) => {
  const actor = await requireActor();
  await approveMinutes({ actor, meetingId: (await params).meetingId });
  return { ok: true };
});
