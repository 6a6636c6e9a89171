import { requireActor } from "@/lib/auth/current";
import { getDocument } from "@/lib/documents/find-documents";
import { analyseTextReplacement } from "@/lib/imports/analyse-text-replacement";
import { readWordUpload } from "@/lib/imports/read-upload";
import { replaceTextFromWord } from "@/lib/imports/replace-text-from-word";
import { apiRoute } from "@/lib/http";
import { authorize } from "@/lib/policy";

/**
 * Replaces a draft's whole text from a Word file (multipart form: `file`, and `confirm=true` to
 * replace). Without `confirm` it only answers the analysis and what the current text would lose.
 */
export const POST = apiRoute(async (request, { params }: { params: Promise<{ documentId: string }> }) => {
  const actor = await requireActor();
  const { documentId } = await params;
  // Refuse before reading the body: nobody else may upload, and nothing over the limit is read.
  authorize(actor, "document.replaceText", (await getDocument({ actor, documentId })).target);
  const { fileName, bytes, form } = await readWordUpload(request);
  if (form.get("confirm") !== "true") {
    const analysis = await analyseTextReplacement({ actor, documentId, fileName, bytes });
    return { summary: analysis.summary, notices: analysis.notices, replaced: analysis.replaced };
  }
  return replaceTextFromWord({ actor, documentId, fileName, bytes });
}, { acceptsUploads: true });
