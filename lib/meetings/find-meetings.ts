import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

/** Upcoming and past meetings, nearest first in each list; cancelled ones stay listed, marked. */
export async function findMeetings({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, "workspace.read", null);
  const meetings = await db().meeting.findMany({
    orderBy: { startsAt: "asc" },
    select: {
      id: true, title: true, startsAt: true, endsAt: true, timeZone: true, format: true, venue: true, status: true, minutesStatus: true,
      _count: { select: { agendaItems: true, actionItems: { where: { status: "OPEN" } } } },
    },
  });
  return {
    upcoming: meetings.filter((meeting) => meeting.endsAt >= now),
    past: meetings.filter((meeting) => meeting.endsAt < now).reverse(),
  };
}

export type MeetingSummary = Awaited<ReturnType<typeof findMeetings>>["past"][number];
