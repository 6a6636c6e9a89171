// Writes Word files in a worker thread, so collaboration keeps its latency while a long document is
// exported. Plain JavaScript so the worker starts under Node without a bundler or the TypeScript
// loader; the writing is lib/exports/write-docx.mts, from a plan the main thread made.
import { serveRequests, servedBytes } from "../workers/serve-requests.mts";
import { writeDocx, writeResolutionDocx } from "./write-docx.mts";

serveRequests(async ({ document, resolutionTable }) => {
  return servedBytes(document ? await writeDocx(document) : await writeResolutionDocx(resolutionTable));
});
