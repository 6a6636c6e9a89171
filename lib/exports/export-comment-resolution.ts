import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { buildResolutionTable } from "@/lib/exports/build-docx";
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
  const { bytes, digest } = await buildResolutionTable({ source, threads: await findExportThreads({ actor, source }), format: data.format });
  const contentType = data.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return { bytes, fileName: exportFileName(source, "comment-resolution", data.format), contentType, digest };
}
