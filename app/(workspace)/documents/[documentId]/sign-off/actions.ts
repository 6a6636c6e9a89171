"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth/current";
import { closeRound } from "@/lib/signoff/close-round";
import { openRound } from "@/lib/signoff/open-round";
import { POSITION_LABEL } from "@/lib/signoff/positions";
import { recordSignOff } from "@/lib/signoff/record-sign-off";
import { reopenRound } from "@/lib/signoff/reopen-round";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

function refresh() {
  // The matrix appears on the sign-off page and the version history; both must show the change.
  revalidatePath("/documents/[documentId]", "layout");
}

export async function openRoundAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await openRound({ actor, documentId: text(form, "documentId") ?? "", versionId: text(form, "versionId") ?? "", dueDate: text(form, "dueDate") ?? null });
    refresh();
  });
}

export async function closeRoundAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await closeRound({ actor, roundId: text(form, "roundId") ?? "" });
    refresh();
  });
}

export async function reopenRoundAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await reopenRound({ actor, roundId: text(form, "roundId") ?? "" });
    refresh();
  });
}

export async function recordSignOffAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const signOff = await recordSignOff({
      actor,
      roundId: text(form, "roundId") ?? "",
      organisationCode: text(form, "organisationCode"),
      position: text(form, "position") as "APPROVE",
      reservation: text(form, "reservation"),
      reason: text(form, "reason"),
      onBehalfReason: text(form, "onBehalfReason"),
    });
    refresh();
    return { status: "success", message: `Recorded: ${POSITION_LABEL[signOff.position]}.` };
  });
}
