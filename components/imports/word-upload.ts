/** What the import routes answer about a Word file (lib/imports/read-docx.ts), as the browser reads it. */
export type ImportNotice = { kind: string; count: number; message: string };
export type ImportSummary = { articles: number; numberedParagraphs: number; notes: number; tables: number; lists: number; characters: number };

export const WORD_FILE_TYPES = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Posts a Word upload to an import route; rejects with the server's message (bad file, too large, …). */
export async function sendWordUpload<T>(url: string, fields: Record<string, string | File>): Promise<T> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const response = await fetch(url, { method: "POST", body });
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((json as { error?: { message?: string } }).error?.message ?? "The import failed. Please try again.");
  return json as T;
}
