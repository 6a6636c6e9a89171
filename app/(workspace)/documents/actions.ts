"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth/current";
import { createDocument } from "@/lib/documents/create-document";

export async function createDocumentAction(_: ActionState, form: FormData): Promise<ActionState> {
  let documentId: string | undefined;
  const state = await runAction(async () => {
    const actor = await requireActor();
    ({ id: documentId } = await createDocument({
      actor,
      title: String(form.get("title") ?? ""),
      template: String(form.get("template") ?? "blank") as "blank",
    }));
  });
  if (documentId) {
    revalidatePath("/documents");
    redirect(`/documents/${documentId}`);
  }
  return state;
}
