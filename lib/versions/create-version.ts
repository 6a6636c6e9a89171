import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { digestOfVersionRow, versionRowSelect } from "@/lib/audit/row-digest";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { getLiveText } from "@/lib/versions/get-live-text";

export const createVersionInput = z.object({
  documentId: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(3, "Name the version in at least 3 characters, for example “Draft 3 — after May 2020 meeting”.")
    .max(200, "Keep the name under 200 characters."),
  isCheckpoint: z.boolean().default(false),
});

const MAX_ATTEMPTS = 3;

/**
 * Freezes the live text as a new numbered version. The secretariat saves the group's versions;
 * delegates (and the secretariat) may save checkpoints for their own reference.
 */
export async function createVersion({ actor, ...input }: { actor: Actor } & z.input<typeof createVersionInput>) {
  const data = parseInput(createVersionInput, input);
  const live = await getLiveText({ actor, documentId: data.documentId });
  authorize(actor, data.isCheckpoint ? "version.createCheckpoint" : "version.create", live.document.target);

  for (let attempt = 1; ; attempt++) {
    try {
      return await audited(async (transaction, audit) => {
        const latest = await transaction.documentVersion.findFirst({
          where: { documentId: data.documentId },
          orderBy: { number: "desc" },
          select: { number: true },
        });
        const version = await transaction.documentVersion.create({
          data: {
            documentId: data.documentId,
            number: (latest?.number ?? 0) + 1,
            name: data.name,
            content: live.content,
            digest: live.digest,
            isCheckpoint: data.isCheckpoint,
            createdById: actor.id,
          },
          select: versionRowSelect,
        });
        await audit({
          actorId: actor.id,
          organisationCode: actor.organisationCode,
          action: "version.created",
          targetType: "documentVersion",
          targetId: version.id,
          // Binds the row as written: verification re-reads it and notices a version altered, deleted or slipped in.
          rowDigest: digestOfVersionRow(version),
          // The digest in the hash-chained log lets verification notice a version whose content and digest were both rewritten.
          data: { documentId: data.documentId, number: version.number, name: version.name, digest: version.digest, isCheckpoint: version.isCheckpoint },
        });
        const { documentId: _documentId, createdById: _createdById, ...created } = version;
        return created;
      });
    } catch (error) {
      // Two people saving at the same moment both pick the next number; the loser takes the one after.
      if (!isNumberConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError("CONFLICT", "Several versions were saved at the same moment. Please try again.");
    }
  }
}

function isNumberConflict(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: { target?: unknown } };
  return candidate?.code === "P2002" && JSON.stringify(candidate.meta?.target ?? "").includes("number");
}
