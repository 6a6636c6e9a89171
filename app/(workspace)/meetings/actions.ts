"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/action-state";
import { requestAppUrl } from "@/lib/app-url";
import { requireActor } from "@/lib/auth/current";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { updateMeeting } from "@/lib/meetings/update-meeting";
import { cancelMeeting } from "@/lib/meetings/cancel-meeting";
import { addAgendaItem } from "@/lib/meetings/add-agenda-item";
import { removeAgendaItem } from "@/lib/meetings/remove-agenda-item";
import { updateAgendaItem } from "@/lib/meetings/update-agenda-item";
import { reorderAgenda } from "@/lib/meetings/reorder-agenda";
import { recordAttendance } from "@/lib/meetings/record-attendance";
import { confirmAttendance } from "@/lib/meetings/confirm-attendance";
import { startMinutes } from "@/lib/meetings/start-minutes";
import { circulateMinutes } from "@/lib/meetings/circulate-minutes";
import { approveMinutes } from "@/lib/meetings/approve-minutes";
import { addDecision } from "@/lib/meetings/add-decision";
import { removeDecision } from "@/lib/meetings/remove-decision";
import { addActionItem } from "@/lib/meetings/add-action-item";
import { removeActionItem } from "@/lib/meetings/remove-action-item";
import { setActionItemStatus } from "@/lib/meetings/set-action-item-status";
import { createCalendarSubscription } from "@/lib/meetings/create-calendar-subscription";
import { revokeCalendarSubscription } from "@/lib/meetings/revoke-calendar-subscription";

// Thin wrappers: read the form, call lib/meetings (which authorizes and validates), refresh the page.

const field = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const meetingDetails = (form: FormData) => ({
  title: field(form, "title"),
  startsAt: field(form, "startsAt"),
  endsAt: field(form, "endsAt"),
  timeZone: field(form, "timeZone"),
  format: field(form, "format") as "IN_PERSON",
  venue: field(form, "venue"),
  onlineUrl: field(form, "onlineUrl"),
  documentIds: form.getAll("documentIds").filter((value): value is string => typeof value === "string"),
});

const refreshMeeting = (meetingId: string) => {
  revalidatePath(`/meetings/${meetingId}`);
  revalidatePath("/meetings");
};

export async function createMeetingAction(_: ActionState, form: FormData): Promise<ActionState> {
  let meetingId: string | undefined;
  const state = await runAction(async () => {
    const actor = await requireActor();
    ({ id: meetingId } = await createMeeting({ actor, ...meetingDetails(form) }));
  });
  if (!meetingId) return state;
  revalidatePath("/meetings");
  redirect(`/meetings/${meetingId}`);
}

export async function updateMeetingAction(_: ActionState, form: FormData): Promise<ActionState> {
  const meetingId = field(form, "meetingId");
  let isSaved = false;
  const state = await runAction(async () => {
    const actor = await requireActor();
    await updateMeeting({ actor, meetingId, ...meetingDetails(form) });
    isSaved = true;
  });
  if (!isSaved) return state;
  refreshMeeting(meetingId);
  redirect(`/meetings/${meetingId}`);
}

export async function cancelMeetingAction(_: ActionState, form: FormData): Promise<ActionState> {
  const meetingId = field(form, "meetingId");
  let isCancelled = false;
  const state = await runAction(async () => {
    const actor = await requireActor();
    await cancelMeeting({ actor, meetingId, reason: field(form, "reason") });
    isCancelled = true;
  });
  if (!isCancelled) return state;
  refreshMeeting(meetingId);
  redirect(`/meetings/${meetingId}`);
}

export async function addAgendaItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await addAgendaItem({
      actor,
      meetingId,
      title: field(form, "title"),
      durationMinutes: field(form, "durationMinutes"),
      presenter: field(form, "presenter"),
      documentId: field(form, "documentId"),
    });
    refreshMeeting(meetingId);
    return { status: "success", message: "Agenda item added." };
  });
}

export async function updateAgendaItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { meetingId, isChanged } = await updateAgendaItem({
      actor,
      agendaItemId: field(form, "agendaItemId"),
      title: field(form, "title"),
      durationMinutes: field(form, "durationMinutes"),
      presenter: field(form, "presenter"),
      documentId: field(form, "documentId"),
    });
    refreshMeeting(meetingId);
    return { status: "success", message: isChanged ? "Agenda item saved." : "Nothing was changed." };
  });
}

export async function removeAgendaItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { meetingId } = await removeAgendaItem({ actor, agendaItemId: field(form, "agendaItemId") });
    refreshMeeting(meetingId);
  });
}

/** Called from the agenda's drag-and-drop and move buttons with the whole new order. */
export async function reorderAgendaAction(meetingId: string, agendaItemIds: string[]): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await reorderAgenda({ actor, meetingId, agendaItemIds });
    refreshMeeting(meetingId);
  });
}

export async function recordAttendanceAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await recordAttendance({
      actor,
      meetingId,
      organisationCode: field(form, "organisationCode"),
      status: field(form, "status") as "ATTENDED",
      participants: field(form, "participants"),
    });
    refreshMeeting(meetingId);
    return { status: "success", message: "Saved." };
  });
}

export async function confirmAttendanceAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    // The economy is the one in the session; the form only says whether it will take part.
    await confirmAttendance({ actor, meetingId, status: field(form, "status") as "CONFIRMED", participants: field(form, "participants") });
    refreshMeeting(meetingId);
    return { status: "success", message: "Thank you. The secretariat sees your answer." };
  });
}

export async function startMinutesAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await startMinutes({ actor, meetingId });
    refreshMeeting(meetingId);
    revalidatePath("/documents");
  });
}

export async function circulateMinutesAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await circulateMinutes({ actor, meetingId });
    refreshMeeting(meetingId);
  });
}

export async function approveMinutesAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await approveMinutes({ actor, meetingId });
    refreshMeeting(meetingId);
    revalidatePath("/documents", "layout");
  });
}

export async function addDecisionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await addDecision({ actor, meetingId, text: field(form, "text") });
    refreshMeeting(meetingId);
    return { status: "success", message: "Decision recorded." };
  });
}

export async function removeDecisionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { meetingId } = await removeDecision({ actor, decisionId: field(form, "decisionId") });
    refreshMeeting(meetingId);
  });
}

export async function addActionItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const meetingId = field(form, "meetingId");
    await addActionItem({ actor, meetingId, text: field(form, "text"), owner: field(form, "owner"), dueDate: field(form, "dueDate") });
    refreshMeeting(meetingId);
    revalidatePath("/meetings/action-items");
    return { status: "success", message: "Action item recorded." };
  });
}

export async function removeActionItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { meetingId } = await removeActionItem({ actor, actionItemId: field(form, "actionItemId") });
    refreshMeeting(meetingId);
    revalidatePath("/meetings/action-items");
  });
}

export async function setActionItemStatusAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { meetingId } = await setActionItemStatus({ actor, actionItemId: field(form, "actionItemId"), status: field(form, "status") as "DONE" });
    refreshMeeting(meetingId);
    revalidatePath("/meetings/action-items");
  });
}

export async function createCalendarSubscriptionAction(): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    const { token } = await createCalendarSubscription({ actor });
    revalidatePath("/meetings");
    return {
      status: "success",
      message: "Your private calendar link is ready. Copy it now: Accord keeps only a fingerprint of it and cannot show it again.",
      data: { url: `${await requestAppUrl()}/api/calendar/${token}.ics` },
    };
  });
}

export async function revokeCalendarSubscriptionAction(): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActor();
    await revokeCalendarSubscription({ actor });
    revalidatePath("/meetings");
    return { status: "success", message: "Your calendar link no longer works. Create a new one whenever you need it." };
  });
}
