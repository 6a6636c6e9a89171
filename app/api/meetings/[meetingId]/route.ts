import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { getMeeting } from "@/lib/meetings/get-meeting";
import { updateMeeting } from "@/lib/meetings/update-meeting";

type Context = { params: Promise<{ meetingId: string }> };

export const GET = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  return getMeeting({ actor, meetingId: (await params).meetingId });
});

/** Changes or reschedules a meeting; the body carries the full details, as when scheduling. */
export const PATCH = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  return updateMeeting({ ...(body as Parameters<typeof updateMeeting>[0]), actor, meetingId: (await params).meetingId });
});
