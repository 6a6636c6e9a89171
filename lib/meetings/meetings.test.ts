import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { can, type Actor } from "@/lib/policy";
import { getDocument } from "@/lib/documents/find-documents";
import { jsonFromYjsState, plainTextFromJson } from "@/lib/documents/content";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { updateMeeting } from "@/lib/meetings/update-meeting";
import { cancelMeeting } from "@/lib/meetings/cancel-meeting";
import { addAgendaItem } from "@/lib/meetings/add-agenda-item";
import { reorderAgenda } from "@/lib/meetings/reorder-agenda";
import { removeAgendaItem } from "@/lib/meetings/remove-agenda-item";
import { updateAgendaItem } from "@/lib/meetings/update-agenda-item";
import { startMinutes } from "@/lib/meetings/start-minutes";
import { circulateMinutes } from "@/lib/meetings/circulate-minutes";
import { approveMinutes } from "@/lib/meetings/approve-minutes";
import { addDecision } from "@/lib/meetings/add-decision";
import { addActionItem } from "@/lib/meetings/add-action-item";
import { setActionItemStatus } from "@/lib/meetings/set-action-item-status";
import { recordAttendance } from "@/lib/meetings/record-attendance";
import { confirmAttendance } from "@/lib/meetings/confirm-attendance";
import { getMeeting } from "@/lib/meetings/get-meeting";
import { findActionItems } from "@/lib/meetings/find-action-items";

let testDatabase: TestDatabase;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let commission: Actor;

// The clock these tests read: the meetings below lie ahead of it, so nothing depends on today's date.
const NOW = new Date("2026-03-02T09:00:00Z");
// A reading of the clock once the meeting of `details` has started (10:00 in Belgrade is 08:00 UTC).
const DURING_THE_MEETING = new Date("2026-05-14T08:30:00Z");

const details = (title: string) => ({
  title,
  startsAt: "2026-05-14T10:00",
  endsAt: "2026-05-14T13:00",
  timeZone: "Europe/Belgrade",
  format: "HYBRID" as const,
  venue: "RCC, Sarajevo",
  onlineUrl: "https://meet.example.org/wg",
});

/** The meeting row as stored, to prove a refused call changed nothing. */
const snapshot = (meetingId: string) => testDatabase.database.meeting.findUniqueOrThrow({ where: { id: meetingId } });

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Ana Secretariat" });
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS" });
  commission = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
});
afterAll(async () => testDatabase.drop());

describe("scheduling is the secretariat's", () => {
  it("refuses delegates and observers who create, edit or cancel meetings, changing nothing", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Protected meeting") });
    const before = await snapshot(id);
    const meetingsBefore = await testDatabase.database.meeting.count();
    const auditBefore = await testDatabase.database.auditEvent.count();

    for (const actor of [albania, serbia, commission]) {
      await expect(createMeeting({ actor, ...details("Not allowed") })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateMeeting({ actor, meetingId: id, ...details("Renamed"), startsAt: "2026-05-15T10:00", endsAt: "2026-05-15T11:00" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(cancelMeeting({ actor, meetingId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(addAgendaItem({ actor, meetingId: id, title: "Sneaked in" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(recordAttendance({ actor, meetingId: id, organisationCode: "AL", status: "ATTENDED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(startMinutes({ actor, meetingId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }

    expect(await snapshot(id)).toEqual(before);
    expect(await testDatabase.database.meeting.count()).toBe(meetingsBefore);
    expect(await testDatabase.database.agendaItem.count({ where: { meetingId: id } })).toBe(0);
    expect(await testDatabase.database.auditEvent.count()).toBe(auditBefore);
  });

  it("answers NOT_FOUND for a meeting that does not exist", async () => {
    await expect(cancelMeeting({ actor: secretariat, meetingId: "no-such-meeting" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reschedules with a higher sequence and keeps the old times in the visible history", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Moving meeting") });
    await updateMeeting({ actor: secretariat, meetingId: id, ...details("Moving meeting"), startsAt: "2026-05-21T09:00", endsAt: "2026-05-21T12:00" });
    const afterMove = await snapshot(id);
    expect(afterMove.sequence).toBe(1);
    expect(afterMove.startsAt.toISOString()).toBe("2026-05-21T07:00:00.000Z");

    // Saving unchanged details is not a change calendars need to see.
    await updateMeeting({ actor: secretariat, meetingId: id, ...details("Moving meeting"), startsAt: "2026-05-21T09:00", endsAt: "2026-05-21T12:00" });
    expect((await snapshot(id)).sequence).toBe(1);

    await cancelMeeting({ actor: secretariat, meetingId: id, reason: "The venue is closed." });
    const cancelled = await snapshot(id);
    expect(cancelled).toMatchObject({ status: "CANCELLED", sequence: 2 });
    await expect(updateMeeting({ actor: secretariat, meetingId: id, ...details("Too late") })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Everyone, observers included, sees how the meeting was planned and called off.
    const { history } = await getMeeting({ actor: commission, meetingId: id });
    expect(history.map((entry) => entry.action)).toEqual(["meeting.scheduled", "meeting.rescheduled", "meeting.cancelled"]);
    expect(history[1]).toMatchObject({ from: { startsAt: "2026-05-14T08:00:00.000Z" }, to: { startsAt: "2026-05-21T07:00:00.000Z" }, actorName: "Ana Secretariat" });
    expect(history[2]).toMatchObject({ reason: "The venue is closed." });
  });

  it("validates format-specific fields next to the field", async () => {
    await expect(createMeeting({ actor: secretariat, ...details("No venue"), format: "IN_PERSON", venue: "" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { venue: expect.any(Array) },
    });
    await expect(createMeeting({ actor: secretariat, ...details("Backwards"), endsAt: "2026-05-14T09:00" })).rejects.toMatchObject({
      fieldErrors: { endsAt: ["The meeting must end after it starts."] },
    });
  });
});

describe("agenda", () => {
  it("keeps items in order and reorders only a complete, current list", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Agenda meeting") });
    const first = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Opening", durationMinutes: "10", presenter: "organisation:RCC" });
    const second = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Draft MoU", presenter: `user:${albania.id}` });
    const third = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Any other business" });
    await reorderAgenda({ actor: secretariat, meetingId: id, agendaItemIds: [second.id, first.id, third.id] });
    const { agendaItems } = await getMeeting({ actor: albania, meetingId: id });
    expect(agendaItems.map((item) => item.title)).toEqual(["Draft MoU", "Opening", "Any other business"]);
    expect(agendaItems[0].presenterUser?.id).toBe(albania.id);
    expect(agendaItems[1]).toMatchObject({ durationMinutes: 10, presenterOrganisationCode: "RCC" });

    await expect(reorderAgenda({ actor: secretariat, meetingId: id, agendaItemIds: [first.id, second.id] })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reorderAgenda({ actor: albania, meetingId: id, agendaItemIds: [first.id, second.id, third.id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeAgendaItem({ actor: serbia, agendaItemId: third.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeAgendaItem({ actor: secretariat, agendaItemId: third.id });
    expect((await getMeeting({ actor: albania, meetingId: id })).agendaItems).toHaveLength(2);
  });
});

describe("changing an agenda item", () => {
  const stored = (id: string) => testDatabase.database.agendaItem.findUniqueOrThrow({ where: { id } });
  const auditedChanges = (id: string) => testDatabase.database.auditEvent.findMany({ where: { targetId: id, action: "agenda.itemUpdated" }, select: { data: true } });

  it("rewrites the item where it stands and audits what changed; an unchanged save records nothing", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Agenda to change") });
    const opening = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Opening", durationMinutes: "10", presenter: "organisation:RCC" });
    const mou = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Draft MoU", durationMinutes: "45", presenter: "organisation:MK" });
    const { id: documentId } = await testDatabase.database.document.create({ data: { workingGroupId: testDatabase.workingGroupId, kind: "OTHER", title: "Trusted lists note" }, select: { id: true } });

    const changed = await updateAgendaItem({ actor: secretariat, agendaItemId: mou.id, title: "Draft MoU: trusted lists", durationMinutes: "60", presenter: `user:${albania.id}`, documentId });
    expect(changed).toEqual({ meetingId: id, isChanged: true });
    const { agendaItems } = await getMeeting({ actor: serbia, meetingId: id });
    expect(agendaItems.map((item) => item.title)).toEqual(["Opening", "Draft MoU: trusted lists"]);
    expect(agendaItems[1]).toMatchObject({ durationMinutes: 60, presenterOrganisationCode: null, presenterUser: { id: albania.id }, document: { id: documentId } });
    const [entry] = await auditedChanges(mou.id);
    expect(JSON.parse(entry!.data)).toMatchObject({ meetingId: id, title: "Draft MoU: trusted lists", previousTitle: "Draft MoU", changed: ["title", "durationMinutes", "presenterUserId", "presenterOrganisationCode", "documentId"] });

    expect(await updateAgendaItem({ actor: secretariat, agendaItemId: opening.id, title: "Opening", durationMinutes: "10", presenter: "organisation:RCC" })).toEqual({ meetingId: id, isChanged: false });
    expect(await auditedChanges(opening.id)).toEqual([]);
    // Clearing the optional fields.
    await updateAgendaItem({ actor: secretariat, agendaItemId: opening.id, title: "Opening", durationMinutes: "", presenter: "" });
    expect(await stored(opening.id)).toMatchObject({ durationMinutes: null, presenterUserId: null, presenterOrganisationCode: null, position: 1 });
  });

  it("refuses others, bad input and a cancelled meeting, changing nothing", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Agenda kept") });
    const item = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Opening", durationMinutes: "10" });
    const before = await stored(item.id);
    const change = { agendaItemId: item.id, title: "Changed", durationMinutes: "20" };

    await expect(updateAgendaItem({ actor: albania, ...change })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateAgendaItem({ actor: commission, ...change })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateAgendaItem({ actor: secretariat, ...change, title: " x " })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { title: ["Give the item a title."] } });
    await expect(updateAgendaItem({ actor: secretariat, ...change, durationMinutes: "601" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { durationMinutes: ["At most 600 minutes."] } });
    await expect(updateAgendaItem({ actor: secretariat, ...change, presenter: "user:nobody" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { presenter: ["Choose a presenter from the list."] } });
    await expect(updateAgendaItem({ actor: secretariat, ...change, documentId: "no-such-document" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateAgendaItem({ actor: secretariat, ...change, agendaItemId: "no-such-item" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await cancelMeeting({ actor: secretariat, meetingId: id, reason: "Venue closed." });
    await expect(updateAgendaItem({ actor: secretariat, ...change })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stored(item.id)).toEqual(before);
    expect(await auditedChanges(item.id)).toEqual([]);
  });

  it("keeps a presenter deactivated since, but does not let one be chosen", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Agenda with a former delegate") });
    const leaving = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
    const item = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Report from Montenegro", presenter: `user:${leaving.id}` });
    const other = await addAgendaItem({ actor: secretariat, meetingId: id, title: "Any other business" });
    await testDatabase.database.user.update({ where: { id: leaving.id }, data: { isActive: false } });

    await updateAgendaItem({ actor: secretariat, agendaItemId: item.id, title: "Report from Montenegro (written)", presenter: `user:${leaving.id}` });
    expect(await stored(item.id)).toMatchObject({ title: "Report from Montenegro (written)", presenterUserId: leaving.id });
    await expect(updateAgendaItem({ actor: secretariat, agendaItemId: other.id, title: "Any other business", presenter: `user:${leaving.id}` })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { presenter: ["Choose a presenter from the list."] },
    });
  });
});

describe("attendance", () => {
  it("lets a delegate or observer confirm only for the organisation in their session, before the meeting", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Attendance meeting") });
    expect((await getMeeting({ actor: commission, meetingId: id, now: NOW })).abilities.canConfirmAttendance).toBe(true);
    await confirmAttendance({ actor: albania, meetingId: id, status: "CONFIRMED", participants: "Elira Hoxha", now: NOW });
    // Whatever else the request carries, the economy is Serbia's for a Serbian delegate.
    await confirmAttendance({ actor: serbia, meetingId: id, status: "APOLOGIES", now: NOW, ...({ organisationCode: "AL" } as object) });
    // Observers are invited too and answer for their own organisation.
    await confirmAttendance({ actor: commission, meetingId: id, status: "CONFIRMED", participants: "Jean Dupont", now: NOW, ...({ organisationCode: "RS" } as object) });
    // The secretariat records attendance in the table instead: the RCC is not among those invited.
    await expect(confirmAttendance({ actor: secretariat, meetingId: id, status: "CONFIRMED", now: NOW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { attendance } = await getMeeting({ actor: commission, meetingId: id, now: NOW });
    expect(attendance.find((row) => row.organisationCode === "AL")).toMatchObject({ status: "CONFIRMED", participants: "Elira Hoxha" });
    expect(attendance.find((row) => row.organisationCode === "RS")).toMatchObject({ status: "APOLOGIES" });
    expect(attendance.find((row) => row.organisationCode === "EC")).toMatchObject({ status: "CONFIRMED", participants: "Jean Dupont" });
    expect(attendance.map((row) => row.organisationCode)).toEqual(["AL", "BA", "XK", "ME", "MK", "RS", "EC", "CEFTA", "RESPA"]);

    await recordAttendance({ actor: secretariat, meetingId: id, organisationCode: "EC", status: "ATTENDED" });
    expect((await getMeeting({ actor: albania, meetingId: id })).attendance.find((row) => row.organisationCode === "EC")?.status).toBe("ATTENDED");
  });

  it("refuses confirmations once the meeting has started", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Started meeting") });
    expect((await getMeeting({ actor: albania, meetingId: id, now: DURING_THE_MEETING })).abilities.canConfirmAttendance).toBe(false);
    await expect(confirmAttendance({ actor: albania, meetingId: id, status: "CONFIRMED", now: DURING_THE_MEETING })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(confirmAttendance({ actor: commission, meetingId: id, status: "CONFIRMED", now: DURING_THE_MEETING })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("minutes", () => {
  it("go from draft to circulated to approved by the secretariat, then freeze for everyone", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Minuted meeting") });
    await addAgendaItem({ actor: secretariat, meetingId: id, title: "Adoption of the agenda" });
    await addAgendaItem({ actor: secretariat, meetingId: id, title: "Draft MoU proposed by Albania", presenter: "organisation:AL" });
    const { documentId } = await startMinutes({ actor: secretariat, meetingId: id });
    expect(await startMinutes({ actor: secretariat, meetingId: id })).toEqual({ documentId });

    const document = await getDocument({ actor: albania, documentId });
    expect(document).toMatchObject({ kind: "MINUTES", target: { minutesStatus: "DRAFT" } });
    const text = plainTextFromJson(jsonFromYjsState(document.yjsState!));
    expect(text).toContain("1. Adoption of the agenda");
    expect(text).toContain("2. Draft MoU proposed by Albania");
    expect(text).toContain("Presented by Albania.");
    expect(can(albania, "document.edit", document.target)).toBe(true);

    await addDecision({ actor: albania, meetingId: id, text: "Consultations on the draft MoU continue." });
    const item = await addActionItem({ actor: secretariat, meetingId: id, text: "Send comments on the MoU", owner: "organisation:AL", dueDate: "2026-06-30" });

    for (const actor of [albania, serbia, commission]) {
      await expect(approveMinutes({ actor, meetingId: id, now: DURING_THE_MEETING })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(circulateMinutes({ actor, meetingId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await snapshot(id)).minutesStatus).toBe("DRAFT");

    // Draft minutes of a meeting under way are circulated before they are approved; the secretariat is told why.
    await expect(approveMinutes({ actor: secretariat, meetingId: id, now: DURING_THE_MEETING })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Circulate the minutes for comments before approving them.",
    });
    expect((await getMeeting({ actor: secretariat, meetingId: id, now: DURING_THE_MEETING })).abilities).toMatchObject({
      canCirculateMinutes: true,
      canApproveMinutes: false,
      minutesApprovalHold: "Circulate the minutes for comments before approving them.",
    });
    await circulateMinutes({ actor: secretariat, meetingId: id });
    expect((await snapshot(id)).minutesStatus).toBe("CIRCULATED");

    // Minutes of a meeting that has not started yet record nothing to approve.
    await expect(approveMinutes({ actor: secretariat, meetingId: id, now: NOW })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Minutes can be approved once the meeting has started.",
    });
    expect((await getMeeting({ actor: secretariat, meetingId: id, now: NOW })).abilities).toMatchObject({
      canApproveMinutes: false,
      minutesApprovalHold: "Minutes can be approved once the meeting has started.",
    });
    expect((await getMeeting({ actor: albania, meetingId: id, now: DURING_THE_MEETING })).abilities).toMatchObject({ canApproveMinutes: false, minutesApprovalHold: null });
    expect((await snapshot(id)).minutesStatus).toBe("CIRCULATED");

    expect((await getMeeting({ actor: secretariat, meetingId: id, now: DURING_THE_MEETING })).abilities).toMatchObject({ canApproveMinutes: true, minutesApprovalHold: null });
    await approveMinutes({ actor: secretariat, meetingId: id, now: DURING_THE_MEETING });

    const approved = await getMeeting({ actor: commission, meetingId: id, now: DURING_THE_MEETING });
    expect(approved).toMatchObject({ minutesStatus: "APPROVED", minutesApprovedBy: { name: "Ana Secretariat" }, minutesApprovedAt: DURING_THE_MEETING });
    expect(approved.abilities).toMatchObject({ canEditMinutes: false, canApproveMinutes: false });

    // Read-only for everyone, the secretariat included.
    const frozen = await getDocument({ actor: secretariat, documentId });
    expect(frozen.target.minutesStatus).toBe("APPROVED");
    for (const actor of [secretariat, albania, commission]) expect(can(actor, "document.edit", frozen.target)).toBe(false);
    await expect(addDecision({ actor: secretariat, meetingId: id, text: "Too late" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addActionItem({ actor: secretariat, meetingId: id, text: "Too late", owner: "organisation:RS" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveMinutes({ actor: secretariat, meetingId: id, now: DURING_THE_MEETING })).rejects.toMatchObject({ code: "CONFLICT", message: "The minutes are already approved." });

    // Following up on actions goes on after approval.
    await setActionItemStatus({ actor: albania, actionItemId: item.id, status: "DONE" });
  });
});

describe("action items", () => {
  it("let a delegate mark only their own economy's items done", async () => {
    const { id } = await createMeeting({ actor: secretariat, ...details("Actions meeting") });
    const albanian = await addActionItem({ actor: secretariat, meetingId: id, text: "Albanian action", owner: "organisation:AL", dueDate: "2020-01-31" });
    const serbian = await addActionItem({ actor: secretariat, meetingId: id, text: "Serbian action", owner: "organisation:RS", dueDate: "2026-06-30" });

    await expect(setActionItemStatus({ actor: albania, actionItemId: serbian.id, status: "DONE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setActionItemStatus({ actor: commission, actionItemId: serbian.id, status: "DONE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await testDatabase.database.actionItem.findUniqueOrThrow({ where: { id: serbian.id } })).toMatchObject({ status: "OPEN", doneAt: null });

    const overdue = await findActionItems({ actor: albania, organisationCode: "AL", now: NOW });
    const row = overdue.items.find((entry) => entry.id === albanian.id);
    expect(row).toMatchObject({ isOverdue: true, canComplete: true });
    expect(overdue.items.every((entry) => entry.ownerOrganisationCode === "AL" || entry.ownerUser?.organisationCode === "AL")).toBe(true);
    const serbianRow = (await findActionItems({ actor: albania, organisationCode: "RS", now: NOW })).items.find((entry) => entry.id === serbian.id);
    expect(serbianRow).toMatchObject({ isOverdue: false, canComplete: false });

    await setActionItemStatus({ actor: albania, actionItemId: albanian.id, status: "DONE" });
    expect(await testDatabase.database.actionItem.findUniqueOrThrow({ where: { id: albanian.id } })).toMatchObject({ status: "DONE", doneById: albania.id });
    expect((await findActionItems({ actor: albania, organisationCode: "AL" })).items.some((entry) => entry.id === albanian.id)).toBe(false);
    expect((await findActionItems({ actor: albania, organisationCode: "AL", isDoneIncluded: "true" })).items.some((entry) => entry.id === albanian.id)).toBe(true);
  });
});
