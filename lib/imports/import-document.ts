import crypto from "node:crypto";
import { z } from "zod";
import { storeNewDocument } from "@/lib/documents/store-new-document";
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
  const fileDigest = crypto.createHash("sha256").update(data.bytes).digest("hex");
  const document = await storeNewDocument({
    actor,
    title: data.title,
    kind: data.kind,
    yjsState: analysis.yjsState,
    // The file's own digest lets anyone holding the Word file show it is the one imported.
    details: { template: "docx", fileName: data.fileName, fileDigest, notices: analysis.notices.map((notice) => notice.message) },
  });
  return { id: document.id, analysis };
}
