import { z } from "zod";
import { findStoredStateParts } from "@/lib/documents/live-state";
import { AppError, parseInput } from "@/lib/errors";
import type { ExportSource } from "@/lib/exports/read-source";
import { authorize, type Actor } from "@/lib/policy";
import { getVersion } from "@/lib/versions/find-versions";
import type { VersionTextKind } from "@/lib/versions/version-text";
import { getDocument } from "@/lib/documents/find-documents";

/** "live" for the text as collaborators see it now, otherwise a version's id. */
export const exportTargetInput = z.object({
  documentId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
});

/**
 * Loads a version, or the live text, of a document for an export; the reader must be allowed to read it.
 * `text` chooses a version's clean text or the one with the open suggestions it kept; the live text
 * always carries its suggestions (each export decides what to show of them). Nothing here reads the
 * text itself: the export's worker does (lib/exports/read-source.ts).
 */
export async function getExportSource({ actor, now = new Date(), text = "clean", ...input }: { actor: Actor; now?: Date; text?: VersionTextKind } & z.input<typeof exportTargetInput>): Promise<ExportSource> {
  const { documentId, versionId } = parseInput(exportTargetInput, input);
  if (versionId !== "live") {
    const { document, version } = await getVersion({ actor, documentId, versionId });
    const kind = version.isCheckpoint ? "Checkpoint" : "Version";
    const keptWithSuggestions = text === "suggestions" ? version.contentWithSuggestions : null;
    return {
      documentId,
      target: document.target,
      title: document.title,
      text: { content: keptWithSuggestions ?? version.content },
      digest: version.digest,
      isSavedWithoutSuggestions: text === "suggestions" && keptWithSuggestions === null,
      version: { id: version.id, number: version.number, name: version.name, isCheckpoint: version.isCheckpoint, createdAt: version.createdAt },
      label: `${kind} ${version.number} — ${version.name}`,
      readAt: now,
    };
  }
  const document = await getDocument({ actor, documentId });
  authorize(actor, "document.read", document.target);
  const stored = await findStoredStateParts(documentId);
  if (!stored) throw new AppError("NOT_FOUND", "This document does not exist.");
  // Read and digested by the worker that renders it (lib/exports/read-source.ts).
  return { documentId, target: document.target, title: document.title, text: { yjsParts: stored.parts }, digest: null, version: null, label: `Live text as of ${now.toISOString().slice(0, 16).replace("T", " ")} UTC`, readAt: now };
}

/** A file name made of the title and the version, safe in a Content-Disposition header. */
export function exportFileName(source: ExportSource, suffix: string, extension: string): string {
  const base = source.title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60) || "document";
  const which = source.version ? `v${source.version.number}` : "live";
  return `${base}-${which}${suffix ? `-${suffix}` : ""}.${extension}`;
}
