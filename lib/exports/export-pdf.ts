import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { findAuditChainHead, formatAuditAnchor } from "@/lib/audit/chain-head";
import { buildPdf } from "@/lib/exports/build-pdf";
import { exportFileName, getExportSource } from "@/lib/exports/export-source";
import { authorize, type Actor } from "@/lib/policy";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";

export const exportPdfInput = z.object({
  documentId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  /** The public base URL, for the verification link printed in the annex. */
  appUrl: z.string().url(),
});

/** A version (or the live text) as a signable PDF with the sign-off annex of every round on that version. */
export async function exportPdf({ actor, ...input }: { actor: Actor } & z.input<typeof exportPdfInput>) {
  const data = parseInput(exportPdfInput, input);
  const source = await getExportSource({ actor, documentId: data.documentId, versionId: data.versionId });
  authorize(actor, "document.export", source.target);
  const matrix = await findSignOffMatrix({ actor, documentId: data.documentId });
  // Read last, so the chain head covers every sign-off printed above it.
  const chainHead = await findAuditChainHead();
  const auditHead = chainHead ? { anchor: formatAuditAnchor(chainHead), at: chainHead.at } : null;
  const { bytes, digest } = await buildPdf({
    source,
    annex: {
      rounds: source.version ? matrix.rounds.filter((round) => round.version.id === source.version!.id) : [],
      economies: matrix.economies,
      auditHead,
      verifyUrl: source.version ? `${data.appUrl.replace(/\/$/, "")}/documents/${data.documentId}/versions/${source.version.id}/verify` : null,
    },
  });
  return { bytes, fileName: exportFileName(source, "signable", "pdf"), contentType: "application/pdf", digest, auditHead: auditHead?.anchor ?? null };
}
