import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { buildDocx } from "@/lib/exports/build-docx";
import { exportFileName, getExportSource } from "@/lib/exports/export-source";
import { findExportThreads } from "@/lib/exports/export-threads";
import { authorize, type Actor } from "@/lib/policy";

export const exportDocxInput = z.object({
  documentId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  /** clean: the text only; comments: with Word comments; changes: with comments and tracked changes. */
  variant: z.enum(["clean", "comments", "changes"]).default("clean"),
});

/** A version or the live text as a Word file. */
export async function exportDocx({ actor, ...input }: { actor: Actor } & z.input<typeof exportDocxInput>) {
  const data = parseInput(exportDocxInput, input);
  const trackChanges = data.variant === "changes";
  // With tracked changes a version shows the open suggestions it kept; its digest stays the clean text's.
  const source = await getExportSource({ actor, documentId: data.documentId, versionId: data.versionId, text: trackChanges ? "suggestions" : "clean" });
  authorize(actor, "document.export", source.target);
  const threads = data.variant === "clean" ? [] : await findExportThreads({ actor, source });
  const { bytes, digest } = await buildDocx({ source, threads, trackChanges });
  return {
    bytes,
    fileName: exportFileName(source, data.variant === "clean" ? "" : data.variant, "docx"),
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    digest,
  };
}
