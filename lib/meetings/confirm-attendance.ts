import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";
import { ATTENDING_ORGANISATIONS } from "@/lib/meetings/attendance";

export const confirmAttendanceInput = z.object({
  status: z.enum(["CONFIRMED", "APOLOGIES"], "Choose whether your economy will take part."),
  participants: z.string().trim().max(500, "Keep the names under 500 characters.").optional().transform((value) => value || null),
});

/**
 * A delegate (or an observer) says ahead of time whether their economy (or organisation) will
 * take part. The organisation is the one in the person's session, never one named in the request.
 * `now` is the clock's reading, passed in so tests do not depend on today's date.
 */
export async function confirmAttendance({ actor, meetingId, now = new Date(), ...input }: { actor: Actor; meetingId: string; now?: Date } & z.input<typeof confirmAttendanceInput>): Promise<void> {
  const id = parseInput(idSchema, meetingId);
  const meeting = await db().meeting.findUnique({ where: { id }, select: { id: true, status: true, minutesStatus: true, startsAt: true } });
  if (!meeting) throw new AppError("NOT_FOUND", "This meeting does not exist.");
  const organisationCode = actor.organisationCode;
  authorize(actor, "meeting.confirmAttendance", { meeting, organisationCode });
  if (!ATTENDING_ORGANISATIONS.some((organisation) => organisation.code === organisationCode)) {
    throw new AppError("FORBIDDEN", "Economies and observers confirm their own participation; the secretariat records attendance in the table.");
  }
  const { status, participants } = parseInput(confirmAttendanceInput, input);
  if (meeting.startsAt <= now) {
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
