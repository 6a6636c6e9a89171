import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { ATTENDANCE_STATUSES, ATTENDING_ORGANISATIONS } from "@/lib/meetings/attendance";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";

export const recordAttendanceInput = z.object({
  organisationCode: z.enum(ATTENDING_ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]], "Choose an economy or organisation."),
  status: z.enum(ATTENDANCE_STATUSES, "Choose attended, apologies or absent."),
  participants: z.string().trim().max(500, "Keep the names under 500 characters.").optional().transform((value) => value || null),
});

/** The secretariat records who attended, sent apologies or was absent, per economy and organisation. */
export async function recordAttendance({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof recordAttendanceInput>): Promise<void> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "meeting.recordAttendance", meeting);
  const { organisationCode, status, participants } = parseInput(recordAttendanceInput, input);
  await audited(async (transaction, audit) => {
    await transaction.attendance.upsert({
      where: { meetingId_organisationCode: { meetingId: meeting.id, organisationCode } },
      create: { meetingId: meeting.id, organisationCode, status, participants, updatedById: actor.id },
      update: { status, participants, updatedById: actor.id },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "attendance.recorded",
      targetType: "meeting",
      targetId: meeting.id,
      data: { organisationCode, status, participants },
    });
  });
}
