// Writes Word files, and the comment-resolution table, in a worker process, so collaboration keeps
// its latency while a long document is exported: the text arrives as it is stored and is read,
// numbered and planned here (lib/exports/docx-plan.ts), then written (lib/exports/write-docx.mts).
// Started at the lowest priority with tsx's loader for the project's TypeScript (lib/workers/worker-requests.ts).
import { serveRequests } from "../workers/serve-requests.mts";
import { resolutionCsv, resolutionDocxPlan, resolutionRows } from "./comment-resolution.ts";
import { docxPlan } from "./docx-plan.ts";
import { readSource } from "./read-source.ts";
import { writeDocx, writeResolutionDocx } from "./write-docx.mts";

serveRequests(async ({ document, resolutionTable }) => {
  if (document) {
    const source = readSource(document.source);
    return { bytes: await writeDocx(docxPlan({ ...document, source })), digest: source.digest };
  }
  const source = readSource(resolutionTable.source);
  const rows = resolutionRows(source, resolutionTable.threads);
  const bytes = resolutionTable.format === "csv" ? Buffer.from(resolutionCsv(rows), "utf8") : await writeResolutionDocx(resolutionDocxPlan(source, rows));
  return { bytes, digest: source.digest };
});
