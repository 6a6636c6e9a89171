import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertDocumentsExist } from "@/lib/meetings/meeting-target";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/meetings/meeting-details";
import { partyInput } from "@/lib/meetings/party";

/** An agenda item as the secretariat writes it, when adding one and when changing one. */
export const agendaItemInput = z.object({
  title: z.string().trim().min(2, "Give the item a title.").max(300, "Keep the title under 300 characters.").refine(isSingleLine, SINGLE_LINE_MESSAGE),
  durationMinutes: z
    .union([z.literal(""), z.coerce.number("Enter the duration in minutes.").int("Use whole minutes.").min(1, "At least 1 minute.").max(600, "At most 600 minutes.")])
    .optional()
    .transform((value) => (value === "" || value === undefined ? null : value)),
  presenter: partyInput({ isRequired: false, message: "Choose a presenter from the list." }),
  documentId: z.string().trim().max(100).optional().transform((value) => value || null),
});

/** Refuses, field by field, a document that does not exist or a presenter who is not an active person (null: nothing to check). */
export async function assertAgendaReferences({ presenterUserId, documentId }: { presenterUserId: string | null; documentId: string | null }): Promise<void> {
  if (documentId) await assertDocumentsExist(db(), [documentId], "documentId");
  if (presenterUserId) {
    const person = await db().user.findUnique({ where: { id: presenterUserId }, select: { isActive: true } });
    if (!person?.isActive) throw new AppError("INVALID_INPUT", undefined, { presenter: ["Choose a presenter from the list."] });
  }
}
