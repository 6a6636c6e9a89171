import { requireActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { analyseImport } from "@/lib/imports/analyse-import";
import { importDocument } from "@/lib/imports/import-document";
import { MAX_IMPORT_BYTES } from "@/lib/imports/read-docx";
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
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError("INVALID_INPUT", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Remove images or split it, then try again.`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("INVALID_INPUT", "Send the file as multipart/form-data in a field named “file”.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("INVALID_INPUT", "Choose a Word file (.docx) to import.", { file: ["Choose a Word file (.docx) to import."] });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (form.get("confirm") !== "true") {
    const analysis = await analyseImport({ actor, fileName: file.name, bytes });
    return { summary: analysis.summary, notices: analysis.notices, suggestedTitle: analysis.suggestedTitle };
  }
  const kind = form.get("kind") === "MOU" ? "MOU" : "OTHER";
  const { id, analysis } = await importDocument({ actor, fileName: file.name, bytes, title: String(form.get("title") ?? ""), kind });
  return { documentId: id, summary: analysis.summary, notices: analysis.notices };
}, { acceptsUploads: true });
