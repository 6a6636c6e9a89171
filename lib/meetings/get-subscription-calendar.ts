import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { buildCalendar } from "@/lib/meetings/build-calendar";
import { calendarTokenSchema, hashCalendarToken } from "@/lib/meetings/calendar-token";
import { calendarMeetingSelect } from "@/lib/meetings/get-meeting-calendar";

/**
 * The feed behind a subscription link: every meeting, cancelled ones included so clients remove
 * them. The token stands in for a session; a revoked token or a deactivated account answers NOT_FOUND.
 */
export async function getSubscriptionCalendar({ token, appUrl }: { token: string; appUrl: string }): Promise<string> {
  const parsed = calendarTokenSchema.safeParse(token);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  const subscription = await db().calendarToken.findUnique({
    where: { tokenHash: hashCalendarToken(parsed.data) },
    select: { revokedAt: true, user: { select: { id: true, name: true, email: true, role: true, organisationCode: true, isActive: true } } },
  });
  const actor = subscription && !subscription.revokedAt ? subscription.user : null;
  if (!can(actor, "calendar.subscribe", null)) throw new AppError("NOT_FOUND");
  const meetings = await db().meeting.findMany({ orderBy: { startsAt: "asc" }, select: calendarMeetingSelect });
  return buildCalendar({
    meetings: meetings.filter((meeting) => can(actor, "meeting.read", meeting)),
    appUrl,
    name: "Accord: Working Group meetings",
    isSubscription: true,
  });
}
