import { AppError } from "@/lib/errors";

/**
 * Every permission in Accord is decided here: pure functions over rows that the caller has
 * already loaded. Server actions, route handlers, server-rendered pages and the collaboration
 * server's authentication all call these, and the client receives the same answers as
 * `abilities` so the UI never offers what the server will refuse.
 */

export type Role = "SECRETARIAT" | "DELEGATE" | "OBSERVER";

export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationCode: string;
  isActive: boolean;
};

export type DraftingRule = "OPEN" | "NEGOTIATION";
export type DocumentTarget = {
  id: string;
  kind: "MOU" | "MINUTES" | "OTHER";
  minutesStatus?: "DRAFT" | "CIRCULATED" | "APPROVED" | null;
  /** Absent means open drafting. */
  draftingRule?: DraftingRule;
};
export type ThreadTarget = { id: string; organisationCode: string; authorId: string; documentId: string };
export type CommentTarget = { id: string; authorId: string; deletedAt: Date | null; thread: ThreadTarget };
export type MeetingTarget = { id: string; status: "SCHEDULED" | "CANCELLED"; minutesStatus: "DRAFT" | "CIRCULATED" | "APPROVED"; startsAt: Date };
export type EconomyTarget = { organisationCode: string };
export type ActionItemTarget = { id: string; ownerOrganisationCode: string | null; ownerUserId: string | null };
export type RoundTarget = { id: string; status: "OPEN" | "CLOSED" };
export type SignOffTarget = { round: RoundTarget; organisationCode: string };
export type VersionTarget = { id: string; documentId: string };
export type UserTarget = { id: string; role: Role; organisationCode: string };
export type SuggestionTarget = { document: DocumentTarget; authorId: string; organisationCode: string };

/** Each action and the row it is decided on (`null` for actions on the working group as a whole). */
export type ActionTargets = {
  "workspace.read": null;
  "workspace.contribute": null;
  "document.read": DocumentTarget;
  "document.create": null;
  "document.edit": DocumentTarget;
  "document.export": DocumentTarget;
  "document.import": null;
  "document.replaceText": DocumentTarget;
  "document.setDraftingRule": DocumentTarget;
  "suggestion.create": DocumentTarget;
  "suggestion.decide": DocumentTarget;
  "suggestion.withdraw": SuggestionTarget;
  "version.create": DocumentTarget;
  "version.createCheckpoint": DocumentTarget;
  "version.read": VersionTarget;
  "thread.create": DocumentTarget;
  "thread.reply": ThreadTarget;
  "thread.resolve": ThreadTarget;
  "thread.reopen": ThreadTarget;
  "thread.applySuggestion": ThreadTarget;
  "thread.turnIntoSuggestion": { thread: ThreadTarget; document: DocumentTarget };
  "comment.edit": CommentTarget;
  "comment.delete": CommentTarget;
  "comment.postAs": EconomyTarget;
  "meeting.read": MeetingTarget;
  "meeting.create": null;
  "meeting.edit": MeetingTarget;
  "meeting.cancel": MeetingTarget;
  "meeting.confirmAttendance": { meeting: MeetingTarget; organisationCode: string };
  "meeting.recordAttendance": MeetingTarget;
  "minutes.start": MeetingTarget;
  "minutes.edit": MeetingTarget;
  "minutes.circulate": MeetingTarget;
  // Approval depends on the time, so the caller passes the clock's reading with the meeting.
  "minutes.approve": { meeting: MeetingTarget; now: Date };
  "actionItem.complete": ActionItemTarget;
  "round.open": DocumentTarget;
  "round.close": RoundTarget;
  "round.reopen": RoundTarget;
  "signOff.record": SignOffTarget;
  "signOff.recordOnBehalf": SignOffTarget;
  "user.list": null;
  "user.invite": null;
  "user.deactivate": UserTarget;
  "audit.read": null;
  "calendar.subscribe": null;
  "notification.manage": { userId: string };
  "outbox.read": null;
};

export type Action = keyof ActionTargets;

const isSecretariat = (actor: Actor) => actor.role === "SECRETARIAT";
const isDelegate = (actor: Actor) => actor.role === "DELEGATE";
const isDrafter = (actor: Actor) => isSecretariat(actor) || isDelegate(actor);
const actsFor = (actor: Actor, organisationCode: string | null) =>
  isDelegate(actor) && organisationCode !== null && actor.organisationCode === organisationCode;

/**
 * Why the minutes cannot be approved yet, or null once they can: only after the meeting has
 * started (minutes of a meeting that has not happened record nothing) and after they were
 * circulated for comments. Shown to the secretariat where the "Approve" button would be.
 */
export function minutesApprovalHold(meeting: MeetingTarget, now: Date): string | null {
  if (meeting.minutesStatus === "APPROVED") return "The minutes are already approved.";
  if (meeting.status === "CANCELLED") return "The meeting was cancelled.";
  if (meeting.startsAt > now) return "Minutes can be approved once the meeting has started.";
  if (meeting.minutesStatus !== "CIRCULATED") return "Circulate the minutes for comments before approving them.";
  return null;
}

const RULES: { [A in Action]: (actor: Actor, target: ActionTargets[A]) => boolean } = {
  // Everyone in the group, observers included, reads everything.
  "workspace.read": () => true,
  "document.read": () => true,
  "version.read": () => true,
  "meeting.read": () => true,
  "audit.read": () => true,
  "calendar.subscribe": () => true,
  // Any write at all; checked before a request body is read, so an observer's upload costs nothing.
  "workspace.contribute": isDrafter,

  "document.create": isSecretariat,
  // Word and PDF exports hold nothing the reader cannot already read on the pages.
  "document.export": () => true,
  // A Word file becomes a document of the group: the secretariat holds the pen.
  "document.import": isSecretariat,
  // Replacing a whole text from a Word file is the pen-holder's act, on a text that is not frozen
  // (approved minutes). The previous text is kept as a checkpoint first (lib/imports/replace-text-from-word.ts).
  "document.replaceText": (actor, document) => isSecretariat(actor) && document.minutesStatus !== "APPROVED",
  // Approved minutes are frozen for everyone. Under negotiation only the secretariat (who holds the
  // pen) changes the text directly; delegates suggest.
  "document.edit": (actor, document) =>
    isDrafter(actor) && document.minutesStatus !== "APPROVED" && (isSecretariat(actor) || document.draftingRule !== "NEGOTIATION"),
  "document.setDraftingRule": (actor, document) => isSecretariat(actor) && document.kind !== "MINUTES",
  "suggestion.create": (actor, document) => isDrafter(actor) && document.minutesStatus !== "APPROVED",
  "suggestion.decide": (actor, document) => isSecretariat(actor) && document.minutesStatus !== "APPROVED",
  // Authors take back their own suggestions; nobody withdraws another person's.
  "suggestion.withdraw": (actor, { document, authorId }) => isDrafter(actor) && authorId === actor.id && document.minutesStatus !== "APPROVED",
  "version.create": isSecretariat,
  "version.createCheckpoint": isDrafter,

  "thread.create": (actor, document) => isDrafter(actor) && document.minutesStatus !== "APPROVED",
  "thread.reply": isDrafter,
  // Delegates settle their own economy's points; the secretariat can settle any.
  "thread.resolve": (actor, thread) => isSecretariat(actor) || actsFor(actor, thread.organisationCode),
  "thread.reopen": (actor, thread) => isSecretariat(actor) || actsFor(actor, thread.organisationCode),
  "thread.applySuggestion": isSecretariat,
  // The secretariat puts a proposal into the text as the proposer's tracked change, to be decided
  // later like any suggestion; never in approved minutes, which are frozen.
  "thread.turnIntoSuggestion": (actor, { document }) => isSecretariat(actor) && document.minutesStatus !== "APPROVED",
  "comment.edit": (actor, comment) => isDrafter(actor) && comment.authorId === actor.id && comment.deletedAt === null,
  "comment.delete": (actor, comment) => isDrafter(actor) && comment.authorId === actor.id && comment.deletedAt === null,
  // A comment speaks for the organisation in the author's session, never for one named in a request.
  "comment.postAs": (actor, { organisationCode }) => isDrafter(actor) && actor.organisationCode === organisationCode,

  "meeting.create": isSecretariat,
  "meeting.edit": (actor, meeting) => isSecretariat(actor) && meeting.status === "SCHEDULED",
  "meeting.cancel": (actor, meeting) => isSecretariat(actor) && meeting.status === "SCHEDULED",
  // Delegates answer for their economy and observers for their own organisation (both are invited).
  "meeting.confirmAttendance": (actor, { meeting, organisationCode }) =>
    meeting.status === "SCHEDULED" && (isSecretariat(actor) || actor.organisationCode === organisationCode),
  "meeting.recordAttendance": isSecretariat,
  // Minutes are opened for meetings that take place; the text is then co-edited like any document.
  "minutes.start": (actor, meeting) => isSecretariat(actor) && meeting.status === "SCHEDULED" && meeting.minutesStatus !== "APPROVED",
  // Decisions and action items are part of the minutes and freeze with them.
  "minutes.edit": (actor, meeting) => isDrafter(actor) && meeting.minutesStatus !== "APPROVED",
  "minutes.circulate": (actor, meeting) => isSecretariat(actor) && meeting.minutesStatus === "DRAFT",
  "minutes.approve": (actor, { meeting, now }) => isSecretariat(actor) && minutesApprovalHold(meeting, now) === null,
  "actionItem.complete": (actor, item) =>
    isSecretariat(actor) || actsFor(actor, item.ownerOrganisationCode) || (isDrafter(actor) && item.ownerUserId === actor.id),

  "round.open": isSecretariat,
  "round.close": (actor, round) => isSecretariat(actor) && round.status === "OPEN",
  // Only the secretariat undoes a closure (for example one made by mistake); the audit log keeps both.
  "round.reopen": (actor, round) => isSecretariat(actor) && round.status === "CLOSED",
  // A delegate records only for the economy in their session, and only while the round is open.
  "signOff.record": (actor, { round, organisationCode }) => round.status === "OPEN" && actsFor(actor, organisationCode),
  "signOff.recordOnBehalf": (actor, { round }) => round.status === "OPEN" && isSecretariat(actor),

  "user.list": isSecretariat,
  "user.invite": isSecretariat,
  "user.deactivate": (actor, user) => isSecretariat(actor) && user.id !== actor.id,

  // Everyone manages only their own notifications and preferences.
  "notification.manage": (actor, { userId }) => actor.id === userId,
  // The outbox shows every email Accord produced (with no SMTP server, the only place they go).
  "outbox.read": isSecretariat,
};

/** Whether the actor may perform the action on the target. Inactive accounts may do nothing. */
export function can<A extends Action>(actor: Actor | null | undefined, action: A, target: ActionTargets[A]): boolean {
  if (!actor || !actor.isActive) return false;
  return RULES[action](actor, target);
}

/**
 * Throws unless the actor may act. A missing target and a target the actor may not even read
 * both answer NOT_FOUND, so a refusal never reveals that something exists.
 */
export function authorize<A extends Action>(
  actor: Actor | null | undefined,
  action: A,
  target: ActionTargets[A] | undefined,
): asserts target is ActionTargets[A] {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (target === undefined) throw new AppError("NOT_FOUND");
  if (!actor.isActive) throw new AppError("FORBIDDEN", "Your account has been deactivated.");
  if (!can(actor, action, target)) throw new AppError("FORBIDDEN");
}

/** What the navigation and page chrome may offer; computed on the server, handed to client components. */
export function workspaceAbilities(actor: Actor) {
  return {
    canCreateDocuments: can(actor, "document.create", null),
    canCreateMeetings: can(actor, "meeting.create", null),
    canManagePeople: can(actor, "user.list", null),
    canInvite: can(actor, "user.invite", null),
  };
}
export type WorkspaceAbilities = ReturnType<typeof workspaceAbilities>;

/**
 * Collaboration access for a document: the websocket server grants exactly this. "suggest" is a
 * writer whose every update must pass the negotiation rule (lib/suggestions/update-rule.ts).
 */
export function collaborationAccess(actor: Actor | null | undefined, document: DocumentTarget): "read-write" | "suggest" | "read-only" | "none" {
  if (!can(actor, "document.read", document)) return "none";
  if (can(actor, "document.edit", document)) return "read-write";
  return can(actor, "suggestion.create", document) ? "suggest" : "read-only";
}
