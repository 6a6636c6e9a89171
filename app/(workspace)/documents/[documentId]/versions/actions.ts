"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth/current";
import { createVersion } from "@/lib/versions/create-version";

export async function createVersionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const documentId = String(form.get("documentId") ?? "");
    const version = await createVersion({
      actor,
      documentId,
      name: String(form.get("name") ?? ""),
      isCheckpoint: form.get("kind") === "checkpoint",
    });
    revalidatePath(`/documents/${documentId}/versions`);
    return { status: "success", message: `Saved v${version.number} “${version.name}”.` };
  });
}
