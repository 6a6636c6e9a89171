import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { getDocument } from "@/lib/documents/find-documents";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { isSecondOpenRound } from "@/lib/signoff/one-open-round";
import { digestOfContent } from "@/lib/versions/canonical-content";
import { notifyRoundOpened } from "@/lib/notifications/notify-sign-off";

export const openRoundInput = z.object({
  documentId: z.string().min(1),
  versionId: z.string().min(1, "Choose the version the economies will sign off."),
  /** Optional: the day by which economies should record their position (reminders go out before it). */
  dueDate: z
    .union([z.literal("").transform(() => null), z.iso.date({ error: "Give the due date as a date, e.g. 2026-06-30." }).transform((day) => new Date(`${day}T23:59:59.000Z`))])
    .nullish(),
});

const ALREADY_OPEN = "A sign-off round is already open on this document. Close it before opening another.";

/**
 * Opens a sign-off round on one saved version. One round per document is open at a time, so
 * nobody wonders which text they are signing: checked inside the transaction for a clear message,
 * and enforced by a partial unique index for writers that race past the check.
 */
export async function openRound({ actor, ...input }: { actor: Actor } & z.input<typeof openRoundInput>) {
  const data = parseInput(openRoundInput, input);
  const document = await getDocument({ actor, documentId: data.documentId });
  authorize(actor, "round.open", document.target);
  return audited(async (transaction, audit) => {
    const version = await transaction.documentVersion.findUnique({
      where: { id: data.versionId },
      select: { id: true, documentId: true, number: true, name: true, digest: true, content: true, isCheckpoint: true },
    });
    if (!version || version.documentId !== data.documentId) {
      throw new AppError("INVALID_INPUT", "Choose a version of this document.", { versionId: ["Choose a version of this document."] });
    }
    if (version.isCheckpoint) {
      const message = "Sign-off rounds are opened on versions the secretariat saved, not on checkpoints.";
      throw new AppError("INVALID_INPUT", message, { versionId: [message] });
    }
    if (digestOfContent(version.content) !== version.digest) {
      throw new AppError("CONFLICT", "This version's stored text no longer matches its digest. Check it on the verification page before opening a round.");
    }
    const open = await transaction.signOffRound.findFirst({ where: { documentId: data.documentId, status: "OPEN" }, select: { id: true } });
    if (open) throw new AppError("CONFLICT", ALREADY_OPEN);

    const round = await transaction.signOffRound
      .create({
        data: { documentId: data.documentId, versionId: version.id, openedById: actor.id, dueDate: data.dueDate ?? null },
        select: { id: true, status: true, openedAt: true, versionId: true },
      })
      .catch((error: unknown) => {
        throw isSecondOpenRound(error) ? new AppError("CONFLICT", ALREADY_OPEN) : error;
      });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "round.opened",
      targetType: "signOffRound",
      targetId: round.id,
      data: { documentId: data.documentId, versionId: version.id, versionNumber: version.number, versionName: version.name, versionDigest: version.digest },
    });
    await notifyRoundOpened(transaction, { roundId: round.id, actorId: actor.id });
    return { ...round, versionDigest: version.digest };
  });
}
