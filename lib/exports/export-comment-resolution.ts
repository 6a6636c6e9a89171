import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { resolutionCsv, resolutionDocx, resolutionRows } from "@/lib/exports/comment-resolution";
import { exportFileName, getExportSource } from "@/lib/exports/export-source";
import { findExportThreads } from "@/lib/exports/export-threads";
import { authorize, type Actor } from "@/lib/policy";

export const exportCommentResolutionInput = z.object({
  documentId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  format: z.enum(["docx", "csv"]),
});

/** The comment-resolution table of a version or the live text, article by article. */
export async function exportCommentResolution({ actor, ...input }: { actor: Actor } & z.input<typeof exportCommentResolutionInput>) {
  const data = parseInput(exportCommentResolutionInput, input);
  const source = await getExportSource({ actor, documentId: data.documentId, versionId: data.versionId });
  authorize(actor, "document.export", source.target);
  const rows = resolutionRows(source, await findExportThreads({ actor, source }));
  const fileName = exportFileName(source, "comment-resolution", data.format);
  if (data.format === "csv") return { bytes: Buffer.from(resolutionCsv(rows), "utf8"), fileName, contentType: "text/csv; charset=utf-8", digest: source.digest };
  return { bytes: await resolutionDocx(source, rows), fileName, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", digest: source.digest };
}
