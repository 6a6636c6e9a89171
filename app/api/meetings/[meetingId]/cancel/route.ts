import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { cancelMeeting } from "@/lib/meetings/cancel-meeting";

export const POST = apiRoute(async (request, { params }: { params: Promise<{ meetingId: string }> }) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  await cancelMeeting({ actor, meetingId: (await params).meetingId, reason: typeof body.reason === "string" ? body.reason : undefined });
  return { ok: true };
});
