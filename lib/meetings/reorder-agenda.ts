import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget, idSchema } from "@/lib/meetings/meeting-target";

export const reorderAgendaInput = z.object({ agendaItemIds: z.array(idSchema).min(1).max(200) });

/**
 * Puts a meeting's agenda in the given order. The list must name exactly the items the agenda
 * has now; if someone added or removed one meanwhile, the reorder is refused rather than guessed.
 */
export async function reorderAgenda({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof reorderAgendaInput>): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "meeting.edit", meeting);
  const { agendaItemIds } = parseInput(reorderAgendaInput, input);
  await audited(async (transaction, audit) => {
    const current = await transaction.agendaItem.findMany({ where: { meetingId: meeting.id }, select: { id: true } });
    const currentIds = new Set(current.map((item) => item.id));
    const isSameSet = agendaItemIds.length === currentIds.size && new Set(agendaItemIds).size === currentIds.size && agendaItemIds.every((id) => currentIds.has(id));
    if (!isSameSet) throw new AppError("CONFLICT", "The agenda was changed by someone else. Reload and try again.");
    // Two passes: each place is unique, so items first step aside to negative places, then take their new ones.
    for (const [index, id] of agendaItemIds.entries()) {
      await transaction.agendaItem.update({ where: { id }, data: { position: -(index + 1) } });
    }
    for (const [index, id] of agendaItemIds.entries()) {
      await transaction.agendaItem.update({ where: { id }, data: { position: index + 1 } });
    }
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "agenda.reordered",
      targetType: "meeting",
      targetId: meeting.id,
      data: { agendaItemIds },
    });
  });
}
