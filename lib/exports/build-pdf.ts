import { z } from "zod";
import type { PdfAnnex } from "@/lib/exports/pdf-definition";
import type { ExportedFile, ExportSource } from "@/lib/exports/read-source";
import { workerRequests } from "@/lib/workers/worker-requests";

const requestPdf = workerRequests({
  task: "Typesetting the PDF",
  script: "lib/exports/pdf-worker.mjs",
  answer: z.object({ bytes: z.instanceof(Uint8Array), digest: z.string() }),
});

/**
 * A signable PDF of a version (or the live text): the text typeset like the editor, its notes, and
 * a sign-off annex. Read, built and typeset in a worker (lib/exports/pdf-worker.mjs), from the text
 * as stored, so collaboration keeps its latency while a long document is typeset.
 */
export async function buildPdf({ source, annex }: { source: ExportSource; annex: PdfAnnex }): Promise<ExportedFile> {
  const { bytes, digest } = await requestPdf({ source, annex });
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), digest };
}
