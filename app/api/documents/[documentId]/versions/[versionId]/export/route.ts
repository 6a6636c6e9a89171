import { z } from "zod";
import { appUrlFromRequest } from "@/lib/app-url";
import { requireActor } from "@/lib/auth/current";
import { parseInput } from "@/lib/errors";
import { exportCommentResolution } from "@/lib/exports/export-comment-resolution";
import { exportDocx } from "@/lib/exports/export-docx";
import { exportPdf } from "@/lib/exports/export-pdf";
import { apiRoute } from "@/lib/http";

const exportQuery = z.object({
  format: z.enum(["docx", "pdf", "resolution-docx", "resolution-csv"], { error: "Choose format docx, pdf, resolution-docx or resolution-csv." }),
  variant: z.enum(["clean", "comments", "changes"]).optional(),
});

/** Downloads a version (or, with versionId "live", the live text) as Word, PDF or a comment-resolution table. */
export const GET = apiRoute(async (request, { params }: { params: Promise<{ documentId: string; versionId: string }> }) => {
  const actor = await requireActor();
  const { documentId, versionId } = await params;
  const query = parseInput(exportQuery, Object.fromEntries(new URL(request.url).searchParams));
  const file =
    query.format === "docx"
      ? await exportDocx({ actor, documentId, versionId, variant: query.variant })
      : query.format === "pdf"
        ? await exportPdf({ actor, documentId, versionId, appUrl: appUrlFromRequest(request) })
        : await exportCommentResolution({ actor, documentId, versionId, format: query.format === "resolution-csv" ? "csv" : "docx" });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "x-content-sha256": file.digest,
      "cache-control": "private, no-store",
    },
  });
});
