import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { assertDocumentsExist, findMeetingTarget } from "@/lib/meetings/meeting-target";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/meetings/meeting-details";
import { partyInput } from "@/lib/meetings/party";
import { retryOnPositionConflict } from "@/lib/meetings/position-conflict";

export const agendaItemInput = z.object({
  title: z.string().trim().min(2, "Give the item a title.").max(300, "Keep the title under 300 characters.").refine(isSingleLine, SINGLE_LINE_MESSAGE),
  durationMinutes: z
    .union([z.literal(""), z.coerce.number("Enter the duration in minutes.").int("Use whole minutes.").min(1, "At least 1 minute.").max(600, "At most 600 minutes.")])
    .optional()
    .transform((value) => (value === "" || value === undefined ? null : value)),
  presenter: partyInput({ isRequired: false, message: "Choose a presenter from the list." }),
  documentId: z.string().trim().max(100).optional().transform((value) => value || null),
});

/** Appends an item to a meeting's agenda. */
export async function addAgendaItem({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof agendaItemInput>): Promise<{ id: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "meeting.edit", meeting);
  const { presenter, documentId, ...item } = parseInput(agendaItemInput, input);
  if (documentId) await assertDocumentsExist(db(), [documentId], "documentId");
  if (presenter.userId) {
    const person = await db().user.findUnique({ where: { id: presenter.userId }, select: { isActive: true } });
    if (!person?.isActive) throw new AppError("INVALID_INPUT", undefined, { presenter: ["Choose a presenter from the list."] });
  }
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
