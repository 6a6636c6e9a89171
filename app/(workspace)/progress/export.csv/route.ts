import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { findProgress } from "@/lib/progress/find-progress";
import { progressCsv, progressCsvFilename } from "@/lib/progress/progress-csv";

/** The progress page's figures as CSV, from the same data the page renders. */
export const GET = apiRoute(async () => {
  const actor = await requireActor();
  const report = await findProgress({ actor });
  return new Response(progressCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${progressCsvFilename(report)}"`,
      "Cache-Control": "no-store",
    },
  });
});
