import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { analyseDocx, type ImportAnalysis } from "@/lib/imports/read-docx";
import { authorize, type Actor } from "@/lib/policy";

export const importFileInput = z.object({
  fileName: z.string().trim().min(1).max(255),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, "Choose a Word file (.docx) to import."),
});

/** The first step of an import: what the Word file would become, and the report of what it loses. Stores nothing. */
export async function analyseImport({ actor, ...input }: { actor: Actor } & z.input<typeof importFileInput>): Promise<ImportAnalysis> {
  authorize(actor, "document.import", null);
  const data = parseInput(importFileInput, input);
  return analyseDocx(data);
}
