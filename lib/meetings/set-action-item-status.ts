import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { idSchema } from "@/lib/meetings/meeting-target";

export const actionItemStatusInput = z.object({ status: z.enum(["OPEN", "DONE"], "Choose done or open.") });

/**
 * Marks an action item done (or open again after a mistaken click). The owning economy's
 * delegates, the person who owns it and the secretariat may; nobody else. This stays possible
 * after the minutes are approved: following up on actions is what the minutes are for.
 */
export async function setActionItemStatus({ actor, actionItemId, ...input }: { actor: Actor; actionItemId: string } & z.input<typeof actionItemStatusInput>): Promise<{ meetingId: string }> {
  const id = parseInput(idSchema, actionItemId);
  const item = (await db().actionItem.findUnique({
    where: { id },
    select: { id: true, ownerOrganisationCode: true, ownerUserId: true, meetingId: true, status: true },
  })) ?? undefined;
  authorize(actor, "actionItem.complete", item);
  const { status } = parseInput(actionItemStatusInput, input);
  if (item.status === status) return { meetingId: item.meetingId };
  await audited(async (transaction, audit) => {
    const { count } = await transaction.actionItem.updateMany({
      where: { id, status: item.status },
      data: status === "DONE" ? { status, doneAt: new Date(), doneById: actor.id } : { status, doneAt: null, doneById: null },
    });
    if (count === 0) throw new AppError("CONFLICT");
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: status === "DONE" ? "actionItem.completed" : "actionItem.reopened",
      targetType: "actionItem",
      targetId: id,
      data: { meetingId: item.meetingId },
    });
  });
  return { meetingId: item.meetingId };
}
