import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { findProgress } from "@/lib/progress/find-progress";
import { progressCsv, progressCsvFilename, progressWideCsv } from "@/lib/progress/progress-csv";

/**
 * The progress page's figures as CSV, from the same data the page renders: one figure per line
 * (for pivoting), or with `?layout=wide` one table per section (for reading in Excel).
 */
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const report = await findProgress({ actor });
  const layout = new URL(request.url).searchParams.get("layout") === "wide" ? "wide" : "long";
  return new Response(layout === "wide" ? progressWideCsv(report) : progressCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${progressCsvFilename(report, layout)}"`,
      "Cache-Control": "no-store",
    },
  });
});
