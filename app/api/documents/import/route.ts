import { requireActor } from "@/lib/auth/current";
import { analyseImport } from "@/lib/imports/analyse-import";
import { importDocument } from "@/lib/imports/import-document";
import { readWordUpload } from "@/lib/imports/read-upload";
import { apiRoute } from "@/lib/http";
import { authorize } from "@/lib/policy";

/**
 * Imports a Word file (multipart form: `file`, and `title` with `confirm=true` to create the document).
 * Without `confirm` it only answers the analysis (what the text holds and the import report).
 */
export const POST = apiRoute(async (request) => {
  const actor = await requireActor();
  // Refuse before reading the body: nobody else may upload, and nothing over the limit is read.
  authorize(actor, "document.import", null);
  const { fileName, bytes, form } = await readWordUpload(request);
  if (form.get("confirm") !== "true") {
    const analysis = await analyseImport({ actor, fileName, bytes });
    return { summary: analysis.summary, notices: analysis.notices, suggestedTitle: analysis.suggestedTitle };
  }
  const kind = form.get("kind") === "MOU" ? "MOU" : "OTHER";
  const { id, analysis } = await importDocument({ actor, fileName, bytes, title: String(form.get("title") ?? ""), kind });
  return { documentId: id, summary: analysis.summary, notices: analysis.notices };
}, { acceptsUploads: true });
