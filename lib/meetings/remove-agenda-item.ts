import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";

/** Takes an item off a meeting's agenda. */
export async function removeAgendaItem({ actor, agendaItemId }: { actor: Actor; agendaItemId: string }): Promise<{ meetingId: string }> {
  const id = parseInput(idSchema, agendaItemId);
  const item = await db().agendaItem.findUnique({
    where: { id },
    select: { id: true, title: true, meeting: { select: { id: true, status: true, minutesStatus: true, startsAt: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", "This agenda item no longer exists.");
  authorize(actor, "meeting.edit", item.meeting);
  await audited(async (transaction, audit) => {
    await transaction.agendaItem.delete({ where: { id } });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "agenda.itemRemoved",
      targetType: "agendaItem",
      targetId: id,
      data: { meetingId: item.meeting.id, title: item.title },
    });
  });
  return { meetingId: item.meeting.id };
}
