import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";
import { isEconomy } from "@/lib/organisations/catalogue";

export const confirmAttendanceInput = z.object({
  status: z.enum(["CONFIRMED", "APOLOGIES"], "Choose whether your economy will take part."),
  participants: z.string().trim().max(500, "Keep the names under 500 characters.").optional().transform((value) => value || null),
});

/**
 * A delegate says ahead of time whether their economy will take part. The economy is the one in
 * the delegate's session, never one named in the request.
 */
export async function confirmAttendance({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof confirmAttendanceInput>): Promise<void> {
  const id = parseInput(idSchema, meetingId);
  const meeting = await db().meeting.findUnique({ where: { id }, select: { id: true, status: true, minutesStatus: true, startsAt: true } });
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  const organisationCode = actor.organisationCode;
  authorize(actor, "meeting.confirmAttendance", { meeting, organisationCode });
  if (!isEconomy(organisationCode)) {
    throw new AppError("FORBIDDEN", "Economies confirm their own participation; the secretariat records attendance in the table.");
  }
  const { status, participants } = parseInput(confirmAttendanceInput, input);
  if (meeting.startsAt <= new Date()) {
    throw new AppError("CONFLICT", "This meeting has started; the secretariat records who took part.");
  }
  await audited(async (transaction, audit) => {
    await transaction.attendance.upsert({
      where: { meetingId_organisationCode: { meetingId: id, organisationCode } },
      create: { meetingId: id, organisationCode, status, participants, updatedById: actor.id },
      update: { status, participants, updatedById: actor.id },
    });
    await audit({
      actorId: actor.id,
      organisationCode,
      action: "attendance.confirmed",
      targetType: "meeting",
      targetId: id,
      data: { organisationCode, status, participants },
    });
  });
}
