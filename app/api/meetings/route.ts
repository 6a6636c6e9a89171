import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { findMeetings } from "@/lib/meetings/find-meetings";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return findMeetings({ actor });
});

/** Schedules a meeting: title, startsAt/endsAt as wall-clock times ("2026-05-14T10:00") in timeZone, format, venue/onlineUrl. */
export const POST = apiRoute(async (request) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  return createMeeting({ ...(body as Parameters<typeof createMeeting>[0]), actor });
});
