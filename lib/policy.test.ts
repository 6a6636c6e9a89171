import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { authorize, can, collaborationAccess, minutesApprovalHold, type Action, type ActionTargets, type Actor, type Role } from "@/lib/policy";

const actor = (role: Role, organisationCode: string, overrides: Partial<Actor> = {}): Actor => ({
  id: `${role}-${organisationCode}`,
  name: `${role} ${organisationCode}`,
  email: `${organisationCode}@test.example`,
  role,
  organisationCode,
  isActive: true,
  ...overrides,
});

const secretariat = actor("SECRETARIAT", "RCC");
const albania = actor("DELEGATE", "AL");
const serbia = actor("DELEGATE", "RS");
const commission = actor("OBSERVER", "EC");

const mou = { id: "d1", kind: "MOU", minutesStatus: null } as const;
const approvedMinutes = { id: "d2", kind: "MINUTES", minutesStatus: "APPROVED" } as const;
const negotiatedMou = { id: "d3", kind: "MOU", minutesStatus: null, draftingRule: "NEGOTIATION" } as const;
const draftMinutes = { id: "d4", kind: "MINUTES", minutesStatus: "DRAFT" } as const;
const albanianSuggestion = { document: negotiatedMou, authorId: albania.id, organisationCode: "AL" };
const albanianThread = { id: "t1", organisationCode: "AL", authorId: albania.id, documentId: "d1" };
const albanianComment = { id: "c1", authorId: albania.id, deletedAt: null, thread: albanianThread };
// A fixed clock: the meetings below start after it, so no row depends on today's date.
const NOW = new Date("2026-03-02T09:00:00Z");
const startsAt = new Date("2026-05-14T08:00:00Z");
const afterTheStart = new Date("2026-05-14T08:00:01Z");
const scheduled = { id: "m1", status: "SCHEDULED", minutesStatus: "DRAFT", startsAt } as const;
const cancelled = { id: "m2", status: "CANCELLED", minutesStatus: "DRAFT", startsAt } as const;
const approvedMeeting = { id: "m3", status: "SCHEDULED", minutesStatus: "APPROVED", startsAt } as const;
const circulated = { id: "m4", status: "SCHEDULED", minutesStatus: "CIRCULATED", startsAt } as const;
const openRound = { id: "r1", status: "OPEN" } as const;
const closedRound = { id: "r2", status: "CLOSED" } as const;
const albanianItem = { id: "a1", ownerOrganisationCode: "AL", ownerUserId: null };
const otherUser = { id: "u9", role: "DELEGATE", organisationCode: "ME" } as const;

type Case<A extends Action> = { action: A; target: ActionTargets[A]; label: string; allowed: Role[] | ((who: Actor) => boolean) };

// Each row: an action on a target, and who may do it among the four reference actors
// (secretariat, AL delegate, RS delegate, EC observer).
const CASES: Case<Action>[] = [
  { action: "workspace.read", target: null, label: "read the workspace", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "workspace.contribute", target: null, label: "write anything", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "document.read", target: mou, label: "read the MoU", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "document.create", target: null, label: "create a document", allowed: ["SECRETARIAT"] },
  { action: "document.edit", target: mou, label: "edit the MoU", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "document.export", target: mou, label: "download the MoU as Word or PDF", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "document.export", target: approvedMinutes, label: "download approved minutes", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "document.import", target: null, label: "import a Word file", allowed: ["SECRETARIAT"] },
  { action: "document.replaceText", target: mou, label: "replace the MoU's text from a Word file", allowed: ["SECRETARIAT"] },
  { action: "document.replaceText", target: negotiatedMou, label: "replace the text of the MoU under negotiation", allowed: ["SECRETARIAT"] },
  { action: "document.replaceText", target: draftMinutes, label: "replace the text of draft minutes", allowed: ["SECRETARIAT"] },
  { action: "document.replaceText", target: approvedMinutes, label: "replace the text of approved minutes", allowed: [] },
  { action: "document.edit", target: approvedMinutes, label: "edit approved minutes", allowed: [] },
  { action: "document.edit", target: negotiatedMou, label: "edit the MoU under negotiation directly", allowed: ["SECRETARIAT"] },
  { action: "document.setDraftingRule", target: mou, label: "set the MoU's drafting rule", allowed: ["SECRETARIAT"] },
  { action: "document.setDraftingRule", target: draftMinutes, label: "put minutes under negotiation", allowed: [] },
  { action: "suggestion.create", target: negotiatedMou, label: "suggest changes in the MoU under negotiation", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "suggestion.create", target: approvedMinutes, label: "suggest changes in approved minutes", allowed: [] },
  { action: "suggestion.decide", target: negotiatedMou, label: "accept or reject suggestions", allowed: ["SECRETARIAT"] },
  { action: "suggestion.withdraw", target: albanianSuggestion, label: "withdraw Albania's delegate's suggestion", allowed: (who) => who === albania },
  { action: "version.create", target: mou, label: "save a version", allowed: ["SECRETARIAT"] },
  { action: "version.createCheckpoint", target: mou, label: "save a checkpoint", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "version.read", target: { id: "v1", documentId: "d1" }, label: "read a version", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "thread.create", target: mou, label: "comment on the MoU", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "thread.create", target: approvedMinutes, label: "comment on approved minutes", allowed: [] },
  { action: "thread.reply", target: albanianThread, label: "reply to a thread", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "thread.resolve", target: albanianThread, label: "resolve Albania's thread", allowed: (who) => who === secretariat || who === albania },
  { action: "thread.reopen", target: albanianThread, label: "reopen Albania's thread", allowed: (who) => who === secretariat || who === albania },
  { action: "thread.applySuggestion", target: albanianThread, label: "apply a proposal", allowed: ["SECRETARIAT"] },
  { action: "thread.turnIntoSuggestion", target: { thread: albanianThread, document: negotiatedMou }, label: "turn Albania's proposal into a suggestion", allowed: ["SECRETARIAT"] },
  { action: "thread.turnIntoSuggestion", target: { thread: albanianThread, document: mou }, label: "turn a proposal into a suggestion in open drafting", allowed: ["SECRETARIAT"] },
  { action: "thread.turnIntoSuggestion", target: { thread: albanianThread, document: approvedMinutes }, label: "turn a proposal on approved minutes into a suggestion", allowed: [] },
  { action: "comment.edit", target: albanianComment, label: "edit Albania's comment", allowed: (who) => who === albania },
  { action: "comment.delete", target: albanianComment, label: "delete Albania's comment", allowed: (who) => who === albania },
  { action: "comment.edit", target: { ...albanianComment, deletedAt: new Date() }, label: "edit a deleted comment", allowed: [] },
  { action: "comment.postAs", target: { organisationCode: "AL" }, label: "comment as Albania", allowed: (who) => who === albania },
  { action: "comment.postAs", target: { organisationCode: "RCC" }, label: "comment as the secretariat", allowed: (who) => who === secretariat },
  { action: "comment.postAs", target: { organisationCode: "EC" }, label: "comment as the Commission", allowed: [] },
  { action: "meeting.read", target: scheduled, label: "read a meeting", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "meeting.create", target: null, label: "schedule a meeting", allowed: ["SECRETARIAT"] },
  { action: "meeting.edit", target: scheduled, label: "edit a meeting", allowed: ["SECRETARIAT"] },
  { action: "meeting.edit", target: cancelled, label: "edit a cancelled meeting", allowed: [] },
  { action: "meeting.cancel", target: scheduled, label: "cancel a meeting", allowed: ["SECRETARIAT"] },
  { action: "meeting.confirmAttendance", target: { meeting: scheduled, organisationCode: "AL" }, label: "confirm Albania's attendance", allowed: (who) => who === secretariat || who === albania },
  { action: "meeting.confirmAttendance", target: { meeting: scheduled, organisationCode: "EC" }, label: "confirm the Commission's attendance", allowed: (who) => who === secretariat || who === commission },
  { action: "meeting.confirmAttendance", target: { meeting: cancelled, organisationCode: "EC" }, label: "confirm attendance at a cancelled meeting", allowed: [] },
  { action: "meeting.recordAttendance", target: scheduled, label: "record attendance", allowed: ["SECRETARIAT"] },
  { action: "minutes.start", target: scheduled, label: "start the minutes", allowed: ["SECRETARIAT"] },
  { action: "minutes.start", target: cancelled, label: "start minutes of a cancelled meeting", allowed: [] },
  { action: "minutes.edit", target: scheduled, label: "edit draft minutes", allowed: ["SECRETARIAT", "DELEGATE"] },
  { action: "minutes.edit", target: approvedMeeting, label: "edit approved minutes", allowed: [] },
  { action: "minutes.circulate", target: scheduled, label: "circulate minutes", allowed: ["SECRETARIAT"] },
  { action: "minutes.approve", target: { meeting: circulated, now: afterTheStart }, label: "approve circulated minutes once the meeting has started", allowed: ["SECRETARIAT"] },
  { action: "minutes.approve", target: { meeting: circulated, now: startsAt }, label: "approve circulated minutes as the meeting starts", allowed: ["SECRETARIAT"] },
  { action: "minutes.approve", target: { meeting: circulated, now: NOW }, label: "approve minutes before the meeting has started", allowed: [] },
  { action: "minutes.approve", target: { meeting: scheduled, now: afterTheStart }, label: "approve draft minutes before circulating them", allowed: [] },
  { action: "minutes.approve", target: { meeting: { ...circulated, status: "CANCELLED" }, now: afterTheStart }, label: "approve minutes of a cancelled meeting", allowed: [] },
  { action: "minutes.approve", target: { meeting: approvedMeeting, now: afterTheStart }, label: "approve minutes twice", allowed: [] },
  { action: "actionItem.complete", target: albanianItem, label: "complete Albania's action item", allowed: (who) => who === secretariat || who === albania },
  { action: "actionItem.complete", target: { id: "a2", ownerOrganisationCode: null, ownerUserId: serbia.id }, label: "complete an item owned by the Serbian delegate", allowed: (who) => who === secretariat || who === serbia },
  { action: "round.open", target: mou, label: "open a sign-off round", allowed: ["SECRETARIAT"] },
  { action: "round.close", target: openRound, label: "close an open round", allowed: ["SECRETARIAT"] },
  { action: "round.close", target: closedRound, label: "close a closed round", allowed: [] },
  { action: "round.reopen", target: closedRound, label: "reopen a closed round", allowed: ["SECRETARIAT"] },
  { action: "round.reopen", target: openRound, label: "reopen an open round", allowed: [] },
  { action: "signOff.record", target: { round: openRound, organisationCode: "RS" }, label: "record Serbia's position", allowed: (who) => who === serbia },
  { action: "signOff.record", target: { round: openRound, organisationCode: "AL" }, label: "record Albania's position", allowed: (who) => who === albania },
  { action: "signOff.record", target: { round: closedRound, organisationCode: "AL" }, label: "record in a closed round", allowed: [] },
  { action: "signOff.recordOnBehalf", target: { round: openRound, organisationCode: "AL" }, label: "record on Albania's behalf", allowed: ["SECRETARIAT"] },
  { action: "signOff.recordOnBehalf", target: { round: closedRound, organisationCode: "AL" }, label: "record on Albania's behalf in a closed round", allowed: [] },
  { action: "user.list", target: null, label: "list people", allowed: ["SECRETARIAT"] },
  { action: "user.invite", target: null, label: "invite people", allowed: ["SECRETARIAT"] },
  { action: "user.deactivate", target: otherUser, label: "deactivate someone else", allowed: ["SECRETARIAT"] },
  { action: "user.deactivate", target: { id: secretariat.id, role: "SECRETARIAT", organisationCode: "RCC" }, label: "deactivate oneself", allowed: [] },
  { action: "audit.read", target: null, label: "read the activity log", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "calendar.subscribe", target: null, label: "subscribe to the calendar", allowed: ["SECRETARIAT", "DELEGATE", "OBSERVER"] },
  { action: "notification.manage", target: { userId: albania.id }, label: "manage Albania's delegate's notifications", allowed: (who) => who.id === albania.id },
  { action: "notification.manage", target: { userId: commission.id }, label: "manage the observer's notifications", allowed: (who) => who.id === commission.id },
  { action: "outbox.read", target: null, label: "read the email outbox", allowed: ["SECRETARIAT"] },
];

const ACTORS = [secretariat, albania, serbia, commission];

describe("policy: every role × action", () => {
  for (const { action, target, label, allowed } of CASES) {
    for (const who of ACTORS) {
      const expected = typeof allowed === "function" ? allowed(who) : allowed.includes(who.role);
      it(`${who.name} ${expected ? "may" : "may not"} ${label}`, () => {
        expect(can(who, action, target)).toBe(expected);
        // A deactivated account may never do anything.
        expect(can({ ...who, isActive: false }, action, target)).toBe(false);
      });
    }
  }

  it("covers every action in the policy", () => {
    const covered = new Set(CASES.map((entry) => entry.action));
    // A Record over Action fails to compile when an action is added to the policy without a row here.
    const everyAction: Record<Action, true> = {
      "workspace.read": true, "workspace.contribute": true, "document.read": true, "document.create": true, "document.edit": true, "document.export": true, "document.import": true, "document.replaceText": true, "version.create": true,
      "document.setDraftingRule": true, "suggestion.create": true, "suggestion.decide": true, "suggestion.withdraw": true,
      "version.createCheckpoint": true, "version.read": true, "thread.create": true, "thread.reply": true, "thread.resolve": true,
      "thread.reopen": true, "thread.applySuggestion": true, "thread.turnIntoSuggestion": true, "comment.edit": true, "comment.delete": true, "comment.postAs": true, "meeting.read": true, "meeting.create": true,
      "meeting.edit": true, "meeting.cancel": true, "meeting.confirmAttendance": true, "meeting.recordAttendance": true,
      "minutes.start": true, "minutes.edit": true, "minutes.circulate": true, "minutes.approve": true, "actionItem.complete": true,
      "round.open": true, "round.close": true, "round.reopen": true, "signOff.record": true, "signOff.recordOnBehalf": true,
      "user.list": true, "user.invite": true,
      "user.deactivate": true, "audit.read": true, "calendar.subscribe": true,
      "notification.manage": true, "outbox.read": true,
    };
    const allActions = Object.keys(everyAction);
    expect([...covered].sort()).toEqual([...allActions].sort());
  });
});

describe("authorize", () => {
  it("answers NOT_FOUND for a missing target and FORBIDDEN for a refused one", () => {
    expect(() => authorize(albania, "document.edit", undefined)).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => authorize(commission, "document.edit", mou)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => authorize(null, "document.read", mou)).toThrowError(AppError);
    expect(() => authorize(albania, "document.edit", mou)).not.toThrow();
  });

  it("gives observers read-only collaboration and drafters read-write", () => {
    expect(collaborationAccess(commission, mou)).toBe("read-only");
    expect(collaborationAccess(albania, mou)).toBe("read-write");
    expect(collaborationAccess(secretariat, approvedMinutes)).toBe("read-only");
    expect(collaborationAccess({ ...albania, isActive: false }, mou)).toBe("none");
    expect(collaborationAccess(null, mou)).toBe("none");
    // Under negotiation delegates only suggest (the server checks each update); the secretariat holds the pen.
    expect(collaborationAccess(albania, negotiatedMou)).toBe("suggest");
    expect(collaborationAccess(secretariat, negotiatedMou)).toBe("read-write");
    expect(collaborationAccess(commission, negotiatedMou)).toBe("read-only");
  });
});

describe("minutesApprovalHold", () => {
  it("says why the minutes cannot be approved yet, in the order the secretariat meets the obstacles", () => {
    expect(minutesApprovalHold(scheduled, NOW)).toBe("Minutes can be approved once the meeting has started.");
    expect(minutesApprovalHold(circulated, NOW)).toBe("Minutes can be approved once the meeting has started.");
    expect(minutesApprovalHold(scheduled, afterTheStart)).toBe("Circulate the minutes for comments before approving them.");
    expect(minutesApprovalHold(circulated, afterTheStart)).toBeNull();
    expect(minutesApprovalHold(approvedMeeting, afterTheStart)).toBe("The minutes are already approved.");
  });
});
