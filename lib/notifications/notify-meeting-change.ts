import type { Transaction } from "@/lib/db";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { findEveryone } from "@/lib/notifications/find-recipients";
import { mailAppUrl } from "@/lib/notifications/mail-content";
import { buildMeetingInvitation } from "@/lib/notifications/meeting-invitation";
import { notify } from "@/lib/notifications/notify";

const WORDING = {
  scheduled: { subject: "Invitation", lead: "You are invited to a meeting of the RCC Working Group on interoperability and trust services." },
  rescheduled: { subject: "Updated invitation", lead: "A meeting of the working group has changed. Your calendar updates the entry in place." },
  cancelled: { subject: "Cancelled", lead: "A meeting of the working group has been cancelled. Your calendar removes the entry." },
} as const;

/**
 * Sends every member of the group a calendar invitation (REQUEST) when the secretariat
 * schedules or changes a meeting, and a cancellation (CANCEL) when it is called off, in the
 * transaction of the change. Each change has its own event key (the SEQUENCE), so a retried
 * transaction never sends an invitation twice.
 */
export async function notifyMeetingChange(transaction: Transaction, { meetingId, change, actorId, now = new Date() }: {
  meetingId: string;
  change: keyof typeof WORDING;
  actorId: string;
  now?: Date;
}): Promise<void> {
  const meeting = await transaction.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: {
      id: true, title: true, startsAt: true, endsAt: true, timeZone: true, format: true, venue: true, onlineUrl: true, sequence: true,
      agendaItems: { orderBy: { position: "asc" }, select: { title: true } },
    },
  });
  const recipients = await findEveryone(transaction);
  const link = `/meetings/${meeting.id}`;
  const calendar = buildMeetingInvitation({
    meeting: { ...meeting, agenda: meeting.agendaItems.map((item) => item.title) },
    method: change === "cancelled" ? "CANCEL" : "REQUEST",
    attendees: recipients.map(({ name, email }) => ({ name, email })),
    pageUrl: `${mailAppUrl()}${link}`,
    now,
  });
  const wording = WORDING[change];
  await notify(transaction, {
    kind: "meeting.invitation",
    recipients,
    actorId,
    eventKey: `${meeting.id}:${meeting.sequence}:${change}`,
    title: `${wording.subject}: ${meeting.title}, ${describeMeetingTime(meeting)}`,
    paragraphs: [wording.lead, `${meeting.title}\n${describeMeetingTime(meeting)}`],
    link,
    linkLabel: "Open the meeting in Accord",
    calendar: { method: change === "cancelled" ? "CANCEL" : "REQUEST", content: calendar },
    now,
  });
}
