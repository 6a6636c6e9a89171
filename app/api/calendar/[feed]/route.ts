import { appUrlFromRequest } from "@/lib/app-url";
import { apiRoute } from "@/lib/http";
import { getSubscriptionCalendar } from "@/lib/meetings/get-subscription-calendar";

/**
 * A person's private calendar feed, /api/calendar/<token>.ics. Calendar clients cannot sign in,
 * so the unguessable token is the credential; it is checked against its stored hash.
 */
export const GET = apiRoute(async (request, { params }: { params: Promise<{ feed: string }> }) => {
  const token = (await params).feed.replace(/\.ics$/, "");
  const body = await getSubscriptionCalendar({ token, appUrl: appUrlFromRequest(request) });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="accord-meetings.ics"',
      "Cache-Control": "private, no-store",
      // The URL is a secret: keep it out of the referrer of any link in the feed.
      "Referrer-Policy": "no-referrer",
    },
  });
});
