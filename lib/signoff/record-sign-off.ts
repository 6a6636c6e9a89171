import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { digestOfSignOffRow, signOffRowSelect } from "@/lib/audit/row-digest";
import { AppError, parseInput } from "@/lib/errors";
import { isEconomy } from "@/lib/organisations/catalogue";
import { authorize, can, type Actor } from "@/lib/policy";
import { SIGN_OFF_POSITIONS } from "@/lib/signoff/positions";
import { getRound } from "@/lib/signoff/get-round";
import { digestOfContent } from "@/lib/versions/canonical-content";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value || undefined);

export const recordSignOffInput = z
  .object({
    roundId: z.string().min(1),
    /** Only for recording on an economy's behalf; a delegate's economy always comes from their session. */
    organisationCode: optionalText(20, "Unknown economy."),
    position: z.enum(SIGN_OFF_POSITIONS, { error: "Choose your economy's position." }),
    reservation: optionalText(4000, "Keep the reservation under 4,000 characters."),
    reason: optionalText(4000, "Keep the reason under 4,000 characters."),
    onBehalfReason: optionalText(1000, "Keep the reason under 1,000 characters."),
  })
  .superRefine((input, context) => {
    if (input.position === "APPROVE_WITH_RESERVATION" && !input.reservation) {
      context.addIssue({ code: "custom", path: ["reservation"], message: "State the reservation: the other economies need to read it." });
    }
  });

/**
 * Records an economy's position on the exact version a round was opened on, replacing its
 * earlier position in the round (which stays in the audit log). A delegate records only for the
 * economy in their session; the secretariat may record on an economy's behalf with a stated reason.
 */
export async function recordSignOff({ actor, ...input }: { actor: Actor } & z.input<typeof recordSignOffInput>) {
  const data = parseInput(recordSignOffInput, input);
  const organisationCode = data.organisationCode ?? actor.organisationCode;
  const isOnBehalf = organisationCode !== actor.organisationCode;

  return audited(async (transaction, audit) => {
    const round = await getRound({ actor, roundId: data.roundId, transaction });
    // Someone who may record on behalf but named no economy (or not an economy) gets told what is missing, not refused.
    if (!isEconomy(organisationCode) && can(actor, "signOff.recordOnBehalf", { round, organisationCode })) {
      throw new AppError("INVALID_INPUT", undefined, { organisationCode: ["Choose the economy you are recording for."] });
    }
    authorize(actor, isOnBehalf ? "signOff.recordOnBehalf" : "signOff.record", { round, organisationCode });
    if (isOnBehalf && !data.onBehalfReason) {
      throw new AppError("INVALID_INPUT", undefined, {
        onBehalfReason: ["Say why you are recording this for the economy, for example “confirmed by e-mail on 3 June”."],
      });
    }
    // Never bind a position to text that fails its own digest.
    if (digestOfContent(round.version.content) !== round.version.digest) {
      throw new AppError("CONFLICT", "This version's stored text no longer matches its digest. The secretariat has to check it before anyone signs off.");
    }

    const key = { roundId_organisationCode: { roundId: round.id, organisationCode } };
    const previous = await transaction.signOff.findUnique({
      where: key,
      select: { position: true, reservation: true, reason: true, onBehalfReason: true, recordedById: true, recordedAt: true },
    });
    const values = {
      position: data.position,
      reservation: data.position === "APPROVE_WITH_RESERVATION" ? data.reservation! : null,
      reason: data.position === "NOT_READY" ? (data.reason ?? null) : null,
      onBehalfReason: isOnBehalf ? data.onBehalfReason! : null,
      versionDigest: round.version.digest,
      recordedById: actor.id,
      recordedAt: new Date(),
    };
    const signOff = await transaction.signOff.upsert({
      where: key,
      create: { roundId: round.id, organisationCode, ...values },
      update: values,
      select: signOffRowSelect,
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "signOff.recorded",
      targetType: "signOff",
      targetId: signOff.id,
      // Binds the row as written: verification re-reads it and notices any later change, deletion or forgery.
      rowDigest: digestOfSignOffRow(signOff),
      data: {
        roundId: round.id,
        documentId: round.documentId,
        versionId: round.version.id,
        versionNumber: round.version.number,
        economy: organisationCode,
        position: values.position,
        reservation: values.reservation,
        reason: values.reason,
        onBehalfReason: values.onBehalfReason,
        versionDigest: values.versionDigest,
        previous: previous ? { ...previous, recordedAt: previous.recordedAt.toISOString() } : null,
      },
    });
    const { roundId: _roundId, recordedById: _recordedById, ...recorded } = signOff;
    return recorded;
  });
}
