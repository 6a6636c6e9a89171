import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findMeetingTarget } from "@/lib/meetings/meeting-target";
import { retryOnPositionConflict } from "@/lib/meetings/position-conflict";

export const decisionInput = z.object({
  text: z.string().trim().min(3, "Write the decision.").max(2000, "Keep the decision under 2,000 characters."),
});

/** Records a decision the meeting took, in order, as part of its minutes. */
export async function addDecision({ actor, meetingId, ...input }: { actor: Actor; meetingId: string } & z.input<typeof decisionInput>): Promise<{ id: string }> {
  const meeting = await findMeetingTarget(db(), meetingId);
  authorize(actor, "minutes.edit", meeting);
  const { text } = parseInput(decisionInput, input);
  return retryOnPositionConflict(() => audited(async (transaction, audit) => {
    const last = await transaction.decision.findFirst({ where: { meetingId: meeting.id }, orderBy: { position: "desc" }, select: { position: true } });
    const decision = await transaction.decision.create({
      data: { meetingId: meeting.id, text, position: (last?.position ?? 0) + 1 },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "decision.recorded",
      targetType: "decision",
      targetId: decision.id,
      data: { meetingId: meeting.id, text },
    });
    return decision;
  }));
}
