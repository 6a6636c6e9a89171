import type { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { agendaItemInput, assertAgendaReferences } from "@/lib/meetings/agenda-item-input";
import { idSchema } from "@/lib/meetings/meeting-target";

/**
 * Rewrites an agenda item (title, presenter, duration, document) where it stands on the agenda.
 * Saving it unchanged records nothing.
 */
export async function updateAgendaItem({ actor, agendaItemId, ...input }: { actor: Actor; agendaItemId: string } & z.input<typeof agendaItemInput>): Promise<{ meetingId: string; isChanged: boolean }> {
  const id = parseInput(idSchema, agendaItemId);
  const item = await db().agendaItem.findUnique({
    where: { id },
    select: {
      title: true,
      durationMinutes: true,
      presenterUserId: true,
      presenterOrganisationCode: true,
      documentId: true,
      meeting: { select: { id: true, status: true, minutesStatus: true, startsAt: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "This agenda item no longer exists.");
  authorize(actor, "meeting.edit", item.meeting);
  const { presenter, documentId, title, durationMinutes } = parseInput(agendaItemInput, input);
  // What the item already refers to stays valid (a presenter since deactivated); only new references are checked.
  await assertAgendaReferences({
    presenterUserId: presenter.userId === item.presenterUserId ? null : presenter.userId,
    documentId: documentId === item.documentId ? null : documentId,
  });

  const next = { title, durationMinutes, presenterUserId: presenter.userId, presenterOrganisationCode: presenter.organisationCode, documentId };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => next[field] !== item[field]);
  if (changed.length === 0) return { meetingId: item.meeting.id, isChanged: false };
  await audited(async (transaction, audit) => {
    await transaction.agendaItem.update({ where: { id }, data: next });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "agenda.itemUpdated",
      targetType: "agendaItem",
      targetId: id,
      data: { meetingId: item.meeting.id, title, ...(title !== item.title ? { previousTitle: item.title } : {}), changed },
    });
  });
  return { meetingId: item.meeting.id, isChanged: true };
}
