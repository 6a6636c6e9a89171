import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { yjsStateFromJson } from "@/lib/documents/content";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";
import { minutesFromAgenda } from "@/lib/meetings/minutes-content";
import { describeMeetingTime } from "@/lib/meetings/describe-time";

/**
 * Opens the meeting's minutes: a MINUTES document pre-filled from the agenda, then co-edited
 * at /documents/<id> like any other text. Starting twice returns the same document.
 */
export async function startMinutes({ actor, meetingId }: { actor: Actor; meetingId: string }): Promise<{ documentId: string }> {
  const id = parseInput(idSchema, meetingId);
  const meeting = await db().meeting.findUnique({
    where: { id },
    select: {
      id: true, status: true, minutesStatus: true, minutesDocumentId: true, workingGroupId: true,
      title: true, startsAt: true, endsAt: true, timeZone: true, venue: true, format: true,
      agendaItems: {
        orderBy: { position: "asc" },
        select: { title: true, presenterUser: { select: { name: true } }, presenterOrganisationCode: true },
      },
    },
  });
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  authorize(actor, "minutes.start", meeting);
  if (meeting.minutesDocumentId) return { documentId: meeting.minutesDocumentId };

  const content = minutesFromAgenda({
    title: meeting.title,
    heldAt: [describeMeetingTime(meeting), meeting.format === "ONLINE" ? "Online" : meeting.venue].filter(Boolean).join(", "),
    agenda: meeting.agendaItems.map((item) => ({
      title: item.title,
      presenter: item.presenterUser?.name ?? (item.presenterOrganisationCode ? getOrganisation(item.presenterOrganisationCode).name : null),
    })),
  });
  const state = Buffer.from(yjsStateFromJson(content));
  return audited(async (transaction, audit) => {
    const document = await transaction.document.create({
      data: { workingGroupId: meeting.workingGroupId, kind: "MINUTES", title: `Minutes: ${meeting.title}`, yjsState: state, createdById: actor.id },
      select: { id: true },
    });
    // The guard on a still-empty link makes a double click create one set of minutes, not two.
    const { count } = await transaction.meeting.updateMany({ where: { id, minutesDocumentId: null }, data: { minutesDocumentId: document.id } });
    if (count === 0) throw new AppError("CONFLICT", "The minutes were just started by someone else. Reload the page.");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "minutes.started",
      targetType: "meeting",
      targetId: id,
      data: { documentId: document.id },
    });
    return { documentId: document.id };
  });
}
