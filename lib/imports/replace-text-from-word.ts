import crypto from "node:crypto";
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { getDocument } from "@/lib/documents/find-documents";
import { findStoredStateParts } from "@/lib/documents/live-state";
import { AppError, parseInput } from "@/lib/errors";
import { replaceTextInput } from "@/lib/imports/analyse-text-replacement";
import { analyseDocxReplacing } from "@/lib/imports/read-docx";
import { authorize, type Actor } from "@/lib/policy";
import { publishStoredUpdate } from "@/lib/realtime/stored-updates";
import { storeVersion, withNextVersionNumber } from "@/lib/versions/store-version";

/**
 * The second step: replaces the whole text of a draft with the Word file's, for everyone at once.
 * The current text is first saved as a checkpoint (so it stays in Versions and can be compared
 * with the new one); then one Yjs update, computed against the stored state and checked like any
 * live edit, deletes the old blocks and inserts the new ones (worked out in the worker that reads
 * the file, lib/imports/plan-text-replacement.ts). The checkpoint, the update (appended
 * to the document's log) and the `document.textReplaced` audit event commit together; the update is
 * then published to every instance's collaboration server, which applies it to its open copy, so
 * people with the document open see the new text without reloading.
 *
 * An edit someone makes in the moment between reading the stored state and committing merges as
 * concurrent edits do: words typed into an old paragraph go with it, a paragraph added between
 * old ones stays beside the new text (and shows in the comparison with the checkpoint).
 */
export async function replaceTextFromWord({ actor, ...input }: { actor: Actor } & z.input<typeof replaceTextInput>) {
  const data = parseInput(replaceTextInput, input);
  const document = await getDocument({ actor, documentId: data.documentId });
  authorize(actor, "document.replaceText", document.target);
  const fileDigest = crypto.createHash("sha256").update(data.bytes).digest("hex");
  const stored = await findStoredStateParts(data.documentId);
  if (!stored) throw new AppError("NOT_FOUND", "This document does not exist.");
  // Read afresh: nothing from the first step is kept on the server.
  const analysis = await analyseDocxReplacing({ ...data, replacing: { stateParts: stored.parts, actor, target: document.target } });
  const { previous, update, digest, refusal } = analysis.replacement;
  if (refusal !== null) throw new AppError("INVALID_INPUT", `The Word file's text does not fit Accord's document structure (${refusal}).`);

  const checkpoint = await withNextVersionNumber(() =>
    audited(async (transaction, audit) => {
      const saved = await storeVersion(transaction, audit, {
        actor,
        documentId: data.documentId,
        name: `Before the text was replaced from ${data.fileName}`.slice(0, 200),
        texts: previous,
        isCheckpoint: true,
      });
      await transaction.documentUpdate.create({ data: { documentId: data.documentId, update: Buffer.from(update), userId: actor.id }, select: { id: true } });
      await transaction.document.update({ where: { id: data.documentId }, data: { lastEditedAt: new Date(), lastEditedById: actor.id }, select: { id: true } });
      await audit({
        actorId: actor.id,
        organisationCode: actor.organisationCode,
        action: "document.textReplaced",
        targetType: "document",
        targetId: data.documentId,
        // The file's own digest lets anyone holding the Word file show it is the one imported.
        data: {
          fileName: data.fileName,
          fileDigest,
          checkpointNumber: saved.number,
          previousDigest: saved.digest,
          digest,
          notices: analysis.notices.map((notice) => notice.message),
        },
      });
      return saved;
    }),
  );
  publishStoredUpdate({ documentId: data.documentId, update });
  return { checkpoint: { id: checkpoint.id, number: checkpoint.number }, digest, summary: analysis.summary, notices: analysis.notices };
}
