import type { Transaction } from "@/lib/db";
import { findEveryone, findMembersOf } from "@/lib/notifications/find-recipients";
import { notify } from "@/lib/notifications/notify";

const ATTENDED = ["CONFIRMED", "ATTENDED"] as const;

/**
 * Minutes circulated for comment go to the organisations that attended (or confirmed); approved
 * minutes go to everyone, since they become the group's record.
 */
export async function notifyMinutes(transaction: Transaction, { meetingId, step, actorId, now }: {
  meetingId: string;
  step: "circulated" | "approved";
  actorId: string;
  now?: Date;
}): Promise<void> {
  const meeting = await transaction.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { id: true, title: true, minutesDocumentId: true, attendances: { where: { status: { in: [...ATTENDED] } }, select: { organisationCode: true } } },
  });
  const recipients =
    step === "circulated"
      ? await findMembersOf(transaction, meeting.attendances.map((attendance) => attendance.organisationCode))
      : await findEveryone(transaction);
  const link = meeting.minutesDocumentId ? `/documents/${meeting.minutesDocumentId}` : `/meetings/${meeting.id}`;
  await notify(transaction, {
    kind: step === "circulated" ? "minutes.circulated" : "minutes.approved",
    recipients,
    actorId,
    eventKey: `${step}:${meeting.id}`,
    title: step === "circulated" ? `Minutes for comment: ${meeting.title}` : `Minutes approved: ${meeting.title}`,
    paragraphs: [
      step === "circulated"
        ? `The secretariat circulated the draft minutes of "${meeting.title}" for comment.`
        : `The minutes of "${meeting.title}" are approved and can no longer change.`,
    ],
    link,
    linkLabel: step === "circulated" ? "Read and comment on the minutes" : "Read the approved minutes",
    now,
  });
}
