import crypto from "node:crypto";
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { yjsStateFromJson } from "@/lib/documents/content";
import { parseInput } from "@/lib/errors";
import { importFileInput } from "@/lib/imports/analyse-import";
import { analyseDocx } from "@/lib/imports/read-docx";
import { authorize, type Actor } from "@/lib/policy";

export const importDocumentInput = importFileInput.extend({
  title: z.string().trim().min(3, "Give the document a title of at least 3 characters.").max(200, "Keep the title under 200 characters."),
  kind: z.enum(["MOU", "OTHER"]).default("OTHER"),
});

/**
 * The second step of an import: creates a new document from the Word file, after the secretariat
 * has seen the report. The file is read again (nothing from the first step is kept on the server),
 * so what is created is exactly what this file holds.
 */
export async function importDocument({ actor, ...input }: { actor: Actor } & z.input<typeof importDocumentInput>) {
  authorize(actor, "document.import", null);
  const data = parseInput(importDocumentInput, input);
  const analysis = await analyseDocx(data);
  const state = yjsStateFromJson(analysis.json);
  const workingGroup = await db().workingGroup.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
  const fileDigest = crypto.createHash("sha256").update(data.bytes).digest("hex");
  const document = await audited(async (transaction, audit) => {
    const created = await transaction.document.create({
      data: { workingGroupId: workingGroup.id, title: data.title, kind: data.kind, yjsState: Buffer.from(state), createdById: actor.id },
      select: { id: true },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "document.created",
      targetType: "document",
      targetId: created.id,
      // The file's own digest lets anyone holding the Word file show it is the one imported.
      data: { title: data.title, template: "docx", fileName: data.fileName, fileDigest, notices: analysis.notices.map((notice) => notice.message) },
    });
    return created;
  });
  return { id: document.id, analysis };
}
