import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, can, minutesApprovalHold, type Actor } from "@/lib/policy";
import { ATTENDING_ORGANISATIONS } from "@/lib/meetings/attendance";
import { idSchema } from "@/lib/meetings/meeting-target";
import { isEconomy } from "@/lib/organisations/catalogue";
import { isoDateOf, todayIsoDate } from "@/lib/meetings/time";

// The history everyone sees on the meeting page: how it was planned and what became of it.
const HISTORY_ACTIONS = [
  "meeting.imported",
  "meeting.scheduled",
  "meeting.rescheduled",
  "meeting.updated",
  "meeting.cancelled",
  "minutes.started",
  "minutes.circulated",
  "minutes.approved",
] as const;

const timesSchema = z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), timeZone: z.string() });
const historyDataSchema = z.object({
  from: timesSchema.optional(),
  to: timesSchema.optional(),
  changed: z.array(z.string()).optional(),
  reason: z.string().nullable().optional(),
});

/**
 * Everything the meeting page shows, with what this person may do there. NOT_FOUND if it does not
 * exist. `now` is the clock's reading (what has started, what is overdue), passed in for tests.
 */
export async function getMeeting({ actor, meetingId, now = new Date() }: { actor: Actor; meetingId: string; now?: Date }) {
  const parsed = idSchema.safeParse(meetingId);
  const meeting = parsed.success
    ? await db().meeting.findUnique({
        where: { id: parsed.data },
        select: {
          id: true, title: true, startsAt: true, endsAt: true, timeZone: true, format: true, venue: true, onlineUrl: true,
          status: true, sequence: true, minutesStatus: true, minutesDocumentId: true, minutesApprovedAt: true,
          minutesApprovedDigest: true, minutesApprovedBy: { select: { name: true } },
          documents: { select: { document: { select: { id: true, title: true, kind: true } } } },
          agendaItems: {
            orderBy: { position: "asc" },
            select: {
              id: true, position: true, title: true, durationMinutes: true, presenterOrganisationCode: true,
              presenterUser: { select: { id: true, name: true, organisationCode: true } },
              document: { select: { id: true, title: true } },
            },
          },
          attendances: { select: { organisationCode: true, status: true, participants: true, updatedAt: true } },
          decisions: { orderBy: { position: "asc" }, select: { id: true, text: true } },
          actionItems: {
            orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
            select: {
              id: true, text: true, dueDate: true, status: true, doneAt: true, ownerOrganisationCode: true, ownerUserId: true,
              ownerUser: { select: { name: true, organisationCode: true } },
              doneBy: { select: { name: true } },
            },
          },
        },
      })
    : null;
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  authorize(actor, "meeting.read", meeting);

  const events = await db().auditEvent.findMany({
    where: { targetType: "meeting", targetId: meeting.id, action: { in: [...HISTORY_ACTIONS] } },
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, data: true, organisationCode: true, actor: { select: { name: true } } },
  });
  const history = events.map((event) => {
    const data = historyDataSchema.safeParse(JSON.parse(event.data));
    return {
      id: event.id,
      at: event.at,
      action: event.action as (typeof HISTORY_ACTIONS)[number],
      actorName: event.actor?.name ?? "Accord",
      organisationCode: event.organisationCode,
      ...(data.success ? data.data : {}),
    };
  });

  const byOrganisation = new Map(meeting.attendances.map((row) => [row.organisationCode, row]));
  const attendance = ATTENDING_ORGANISATIONS.map((organisation) => {
    const row = byOrganisation.get(organisation.code);
    return {
      organisationCode: organisation.code,
      isEconomy: isEconomy(organisation.code),
      status: row?.status ?? "INVITED",
      participants: row?.participants ?? null,
    };
  });

  const hasStarted = meeting.startsAt <= now;
  const today = todayIsoDate(now);
  const hasMinutes = Boolean(meeting.minutesDocumentId);
  const canApproveMinutes = hasMinutes && can(actor, "minutes.approve", { meeting, now });
  return {
    ...meeting,
    documents: meeting.documents.map((link) => link.document),
    attendance,
    history,
    actionItems: meeting.actionItems.map((item) => ({
      ...item,
      isOverdue: item.status === "OPEN" && item.dueDate !== null && isoDateOf(item.dueDate) < today,
      canComplete: can(actor, "actionItem.complete", item),
    })),
    abilities: {
      canEdit: can(actor, "meeting.edit", meeting),
      canCancel: can(actor, "meeting.cancel", meeting),
      canRecordAttendance: can(actor, "meeting.recordAttendance", meeting),
      // A delegate or observer answers for the organisation in their session, and only before the meeting starts.
      canConfirmAttendance:
        !hasStarted && isAttending(actor.organisationCode) && can(actor, "meeting.confirmAttendance", { meeting, organisationCode: actor.organisationCode }),
      canStartMinutes: !hasMinutes && can(actor, "minutes.start", meeting),
      canEditMinutes: can(actor, "minutes.edit", meeting),
      canCirculateMinutes: hasMinutes && can(actor, "minutes.circulate", meeting),
      canApproveMinutes,
      // Why "Approve" is not offered yet, for those who run the minutes (those who may start them).
      minutesApprovalHold: hasMinutes && !canApproveMinutes && can(actor, "minutes.start", meeting) ? minutesApprovalHold(meeting, now) : null,
    },
  };
}

function isAttending(organisationCode: string): boolean {
  return ATTENDING_ORGANISATIONS.some((organisation) => organisation.code === organisationCode);
}

export type MeetingDetail = Awaited<ReturnType<typeof getMeeting>>;
