import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { storeNewDocument } from "@/lib/documents/store-new-document";
import { memorandumDraft } from "@/lib/documents/memorandum-template";

export const DOCUMENT_TEMPLATES = {
  blank: { label: "Blank document", content: (): ProseMirrorJson => ({ type: "doc", content: [{ type: "paragraph" }] }) },
  memorandum: { label: "Memorandum of Understanding (structure of the Albanian draft)", content: memorandumDraft },
} as const;

export const createDocumentInput = z.object({
  title: z.string().trim().min(3, "Give the document a title of at least 3 characters.").max(200, "Keep the title under 200 characters."),
  template: z.enum(["blank", "memorandum"]).default("blank"),
  kind: z.enum(["MOU", "OTHER"]).default("OTHER"),
});

/** Creates a document in the working group from a template. */
export async function createDocument({ actor, ...input }: { actor: Actor } & z.input<typeof createDocumentInput>): Promise<{ id: string }> {
  authorize(actor, "document.create", null);
  const data = parseInput(createDocumentInput, input);
  return storeNewDocument({ actor, title: data.title, kind: data.kind, yjsState: yjsStateFromJson(DOCUMENT_TEMPLATES[data.template].content()), details: { template: data.template } });
}
