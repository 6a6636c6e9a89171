import type { Transaction } from "@/lib/db";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { ECONOMIES } from "@/lib/notifications/economies";
import { findDelegates, findMembersOf } from "@/lib/notifications/find-recipients";
import { notify } from "@/lib/notifications/notify";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { findStoredSuggestions } from "@/lib/suggestions/find-open-suggestions";
import { ATTENDING_ORGANISATIONS } from "@/lib/meetings/attendance";

/**
 * The day before a meeting: an attendance reminder to the organisations that have not answered,
 * and to each economy's delegates a briefing of what is theirs — open threads and suggestions,
 * pending positions and open action items. The meeting's start is part of the event key, so a rescheduled meeting
 * gets a new reminder and a repeated run never a second one.
 */
export async function notifyMeetingEve(transaction: Transaction, { meetingId, now }: { meetingId: string; now?: Date }): Promise<void> {
  const meeting = await transaction.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { id: true, title: true, startsAt: true, endsAt: true, timeZone: true, attendances: { select: { organisationCode: true, status: true } } },
  });
  const when = describeMeetingTime(meeting);
  const link = `/meetings/${meeting.id}`;
  const answered = new Set(meeting.attendances.filter((attendance) => attendance.status !== "INVITED").map((attendance) => attendance.organisationCode));
  const unanswered = ATTENDING_ORGANISATIONS.map((organisation) => organisation.code).filter((code) => !answered.has(code));
  await notify(transaction, {
    kind: "meeting.reminder",
    recipients: await findMembersOf(transaction, unanswered),
    eventKey: `${meeting.id}:${meeting.startsAt.toISOString()}`,
    title: `Tomorrow: ${meeting.title} — please confirm attendance`,
    paragraphs: [`"${meeting.title}" takes place ${when}. Your organisation has not yet said whether it will attend.`],
    link,
    linkLabel: "Confirm attendance",
    now,
  });

  const openRounds = await transaction.signOffRound.findMany({
    where: { status: "OPEN" },
    select: { document: { select: { title: true } }, version: { select: { number: true } }, signOffs: { select: { organisationCode: true } } },
  });
  // Open suggestions live in the documents' text, not in a table: read each negotiated document once.
  const negotiated = await transaction.document.findMany({ where: { draftingRule: "NEGOTIATION" }, select: { id: true, title: true } });
  const openSuggestions = (await Promise.all(negotiated.map(async (document) => (await findStoredSuggestions(document.id)).map((suggestion) => ({ ...suggestion, title: document.title }))))).flat();
  for (const code of ECONOMIES) {
    const [threads, actionItems] = await Promise.all([
      transaction.commentThread.findMany({
        where: { organisationCode: code, status: { not: "RESOLVED" } },
        select: { kind: true, quote: true, document: { select: { title: true } } },
        orderBy: { createdAt: "asc" },
        take: 50,
      }),
      transaction.actionItem.findMany({ where: { ownerOrganisationCode: code, status: "OPEN" }, select: { text: true, dueDate: true }, take: 50 }),
    ]);
    const pending = openRounds.filter((round) => !round.signOffs.some((signOff) => signOff.organisationCode === code));
    const lines = [
      `Open threads of ${getOrganisation(code).name}: ${threads.length}`,
      ...threads.slice(0, 10).map((thread) => `  • ${thread.kind.toLowerCase()} on "${thread.document.title}": “${thread.quote.slice(0, 80)}”`),
      `Open suggestions of ${getOrganisation(code).name}: ${openSuggestions.filter((suggestion) => suggestion.organisationCode === code).length}`,
      `Positions still to record: ${pending.length}`,
      ...pending.map((round) => `  • "${round.document.title}", version ${round.version.number}`),
      `Open action items: ${actionItems.length}`,
      ...actionItems.slice(0, 10).map((item) => `  • ${item.text}${item.dueDate ? ` (due ${item.dueDate.toISOString().slice(0, 10)})` : ""}`),
    ];
    await notify(transaction, {
      kind: "meeting.digest",
      recipients: await findDelegates(transaction, [code]),
      eventKey: `${meeting.id}:${meeting.startsAt.toISOString()}:${code}`,
      title: `Briefing for ${meeting.title} (${getOrganisation(code).shortName})`,
      paragraphs: [`"${meeting.title}" takes place ${when}. Where ${getOrganisation(code).name} stands:`, lines.join("\n")],
      link,
      linkLabel: "Open the meeting",
      now,
    });
  }
}
