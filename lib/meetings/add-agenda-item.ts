import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { agendaItemInput, assertAgendaReferences } from "@/lib/meetings/agenda-item-input";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { retryOnPositionConflict } from "@/lib/meetings/position-conflict";

/** Appends an item to a meeting's agenda. */
export async function addAgendaItem({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof agendaItemInput>): Promise<{ id: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "meeting.edit", meeting);
  const { presenter, documentId, ...item } = parseInput(agendaItemInput, input);
  await assertAgendaReferences({ presenterUserId: presenter.userId, documentId });
  return retryOnPositionConflict(() => audited(async (transaction, audit) => {
    const last = await transaction.agendaItem.findFirst({ where: { meetingId: meeting.id }, orderBy: { position: "desc" }, select: { position: true } });
    const created = await transaction.agendaItem.create({
      data: { ...item, presenterUserId: presenter.userId, presenterOrganisationCode: presenter.organisationCode, documentId, meetingId: meeting.id, position: (last?.position ?? 0) + 1 },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "agenda.itemAdded",
      targetType: "agendaItem",
      targetId: created.id,
      data: { meetingId: meeting.id, title: item.title },
    });
    return created;
  }));
}
