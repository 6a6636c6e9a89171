import { appUrlFromRequest } from "@/lib/app-url";
import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { getMeetingCalendar } from "@/lib/meetings/get-meeting-calendar";

/** One meeting as an .ics file for the signed-in person to import. */
export const GET = apiRoute(async (request, { params }: { params: Promise<{ meetingId: string }> }) => {
  const actor = await requireActor();
  const { filename, body } = await getMeetingCalendar({ actor, meetingId: (await params).meetingId, appUrl: appUrlFromRequest(request) });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
