import crypto from "node:crypto";
import * as Y from "yjs";
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { checkUpdate } from "@/lib/collab/update-check";
import { readYjsState } from "@/lib/documents/content";
import { getDocument } from "@/lib/documents/find-documents";
import { loadDocumentState } from "@/lib/documents/live-state";
import { buildTextReplacement } from "@/lib/documents/text-replacement";
import { AppError, parseInput } from "@/lib/errors";
import { replaceTextInput } from "@/lib/imports/analyse-text-replacement";
import { analyseDocx } from "@/lib/imports/read-docx";
import { authorize, type Actor } from "@/lib/policy";
import { publishStoredUpdate } from "@/lib/realtime/stored-updates";
import { canonicalContentFromJson, digestOfContent, versionTextsFromJson } from "@/lib/versions/canonical-content";
import { storeVersion, withNextVersionNumber } from "@/lib/versions/store-version";

/**
 * The second step: replaces the whole text of a draft with the Word file's, for everyone at once.
 * The current text is first saved as a checkpoint (so it stays in Versions and can be compared
 * with the new one); then one Yjs update, computed against the stored state and checked like any
 * live edit, deletes the old blocks and inserts the new ones. The checkpoint, the update (appended
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
  // Read afresh: nothing from the first step is kept on the server.
  const analysis = await analyseDocx(data);
  const fileDigest = crypto.createHash("sha256").update(data.bytes).digest("hex");

  const loaded = await loadDocumentState(data.documentId);
  if (!loaded) throw new AppError("NOT_FOUND", "This document does not exist.");
  const previous = versionTextsFromJson(readYjsState(loaded.state).json);
  const { update, document: replaced } = buildTextReplacement({ state: loaded.state, json: analysis.json });
  const current = new Y.Doc();
  Y.applyUpdate(current, loaded.state);
  // The same schema check as every edit from an editor, so the stored text stays one the editor opens.
  const verdict = checkUpdate({ document: current, update, actor, target: document.target });
  if (!verdict.isAccepted) throw new AppError("INVALID_INPUT", `The Word file's text does not fit Accord's document structure (${verdict.detail}).`);
  const content = canonicalContentFromJson(readYjsState(Y.encodeStateAsUpdate(replaced)).json);

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
          digest: digestOfContent(content),
          notices: analysis.notices.map((notice) => notice.message),
        },
      });
      return saved;
    }),
  );
  publishStoredUpdate({ documentId: data.documentId, update });
  return { checkpoint: { id: checkpoint.id, number: checkpoint.number }, digest: digestOfContent(content), summary: analysis.summary, notices: analysis.notices };
}
