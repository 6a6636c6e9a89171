import { AppError } from "@/lib/errors";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_BYTES } from "@/lib/imports/read-docx";

/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a Word upload sent as multipart/form-data with the file in the field `file`, for the import
 * routes. A body declared larger than the limit is refused before it is read. The caller has
 * already refused anyone who may not upload.
 */
export async function readWordUpload(request: Request): Promise<{ fileName: string; bytes: Uint8Array; form: FormData }> {
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES) throw new AppError("INVALID_INPUT", FILE_TOO_LARGE_MESSAGE);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("INVALID_INPUT", "Send the file as multipart/form-data in a field named “file”.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("INVALID_INPUT", "Choose a Word file (.docx) to import.", { file: ["Choose a Word file (.docx) to import."] });
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), form };
}
