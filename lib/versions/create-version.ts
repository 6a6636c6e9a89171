import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { getLiveText } from "@/lib/versions/get-live-text";
import { storeVersion, withNextVersionNumber } from "@/lib/versions/store-version";

export const createVersionInput = z.object({
  documentId: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(3, "Name the version in at least 3 characters, for example “Draft 3 — after May 2020 meeting”.")
    .max(200, "Keep the name under 200 characters."),
  isCheckpoint: z.boolean().default(false),
});

/**
 * Freezes the live text as a new numbered version. The secretariat saves the group's versions;
 * delegates (and the secretariat) may save checkpoints for their own reference.
 */
export async function createVersion({ actor, ...input }: { actor: Actor } & z.input<typeof createVersionInput>) {
  const data = parseInput(createVersionInput, input);
  const live = await getLiveText({ actor, documentId: data.documentId });
  authorize(actor, data.isCheckpoint ? "version.createCheckpoint" : "version.create", live.document.target);
  return withNextVersionNumber(() =>
    audited((transaction, audit) =>
      storeVersion(transaction, audit, { actor, documentId: data.documentId, name: data.name, texts: live, isCheckpoint: data.isCheckpoint }),
    ),
  );
}
