import { z } from "zod";
import { getOrganisation, ORGANISATIONS } from "@/lib/organisations/catalogue";
import { POSITION_LABEL, SIGN_OFF_POSITIONS } from "@/lib/signoff/positions";

/** An audit entry as the activity feed reads it. */
export type ActivityEvent = {
  id: number;
  at: Date;
  action: string;
  targetType: string;
  targetId: string;
  /** The entry's JSON details, as stored. */
  data: string;
  organisationCode: string | null;
  actor: { name: string } | null;
};

/** Titles of the things entries point at, looked up by the caller; missing names fall back to generic words. */
export type ActivityNames = {
  documents: ReadonlyMap<string, string>;
  meetings: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  /** The document each comment thread is on. */
  threads: ReadonlyMap<string, { documentId: string }>;
};

export const NO_NAMES: ActivityNames = { documents: new Map(), meetings: new Map(), users: new Map(), threads: new Map() };

/** What someone did, as words with at most one link: "saved v3 “Draft 3” of" [MoU title]. */
export type ActivityDescription = {
  before: string;
  link: { label: string; href: string } | null;
  after: string;
};

export type ActivityEntry = {
  id: number;
  at: Date;
  action: string;
  category: ActivityCategory;
  organisationCode: string | null;
  /** The person who acted and their organisation: "Elira Hoxha (Albania)". */
  who: string;
  description: ActivityDescription;
  /** The whole sentence as plain text, for screen-reader summaries, exports and tests. */
  sentence: string;
};

/** The kinds of activity an observer can filter by; each is a set of action prefixes. */
export const ACTIVITY_CATEGORIES = {
  documents: { label: "Documents and versions", prefixes: ["document.", "version."] },
  signOff: { label: "Sign-off", prefixes: ["round.", "signOff."] },
  comments: { label: "Comments", prefixes: ["thread.", "comment.", "suggestion."] },
  meetings: { label: "Meetings", prefixes: ["meeting.", "minutes.", "agenda.", "decision.", "actionItem.", "attendance.", "calendar."] },
  people: { label: "People", prefixes: ["user."] },
} as const;
export type ActivityCategory = keyof typeof ACTIVITY_CATEGORIES | "other";
export const ACTIVITY_CATEGORY_KEYS = Object.keys(ACTIVITY_CATEGORIES) as (keyof typeof ACTIVITY_CATEGORIES)[];

export function categoryOf(action: string): ActivityCategory {
  for (const key of ACTIVITY_CATEGORY_KEYS) {
    if (ACTIVITY_CATEGORIES[key].prefixes.some((prefix) => action.startsWith(prefix))) return key;
  }
  return "other";
}

// Entries' details are read leniently: every field may be missing in an older or foreign entry.
const details = z
  .object({
    title: z.string(),
    name: z.string(),
    number: z.number(),
    versionNumber: z.number(),
    versionName: z.string(),
    isCheckpoint: z.boolean(),
    documentId: z.string(),
    meetingId: z.string(),
    threadId: z.string(),
    kind: z.string(),
    economy: z.string(),
    organisationCode: z.string(),
    position: z.enum(SIGN_OFF_POSITIONS),
    onBehalfReason: z.string().nullable(),
    text: z.string(),
    status: z.string(),
    role: z.string(),
    reason: z.string().nullable(),
    signOffCount: z.number(),
    inserted: z.string(),
    deleted: z.string(),
    change: z.string(),
    draftingRule: z.string(),
  })
  .partial();
type Details = z.infer<typeof details>;

function readDetails(data: string): Details {
  try {
    const parsed = details.safeParse(JSON.parse(data));
    // A field of an unexpected type drops the whole object; the sentence then uses generic words.
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const quoted = (text: string, limit = 90) => `“${text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text}”`;

/** "recorded the decision “…” at", or without the quote when the entry has no text. */
const phrase = (verb: string, text: string | undefined, preposition: string) => [verb, text ? quoted(text) : null, preposition].filter(Boolean).join(" ");

function organisationName(code: string | undefined): string | null {
  if (!code) return null;
  return ORGANISATIONS.some((entry) => entry.code === code) ? getOrganisation(code).shortName : code;
}

const THREAD_KIND_WORDS: Record<string, string> = { REMARK: "a remark", PROPOSAL: "a proposal", RESERVATION: "a reservation", QUESTION: "a question" };

const ATTENDANCE_WORDS: Record<string, string> = {
  INVITED: "as invited",
  CONFIRMED: "as confirmed",
  ATTENDED: "as attended",
  APOLOGIES: "as sending apologies",
  ABSENT: "as absent",
};

type Context = { event: ActivityEvent; details: Details; names: ActivityNames };
type Describe = (context: Context) => ActivityDescription;

const words = (before: string): ActivityDescription => ({ before, link: null, after: "" });

/** The thread an entry is about: its target, or the thread a comment belongs to. */
function threadIdOf({ event, details }: Context): string | undefined {
  return event.targetType === "commentThread" ? event.targetId : details.threadId;
}

function documentLink(context: Context, fallback = "a document") {
  const { event, details, names } = context;
  const threadId = threadIdOf(context);
  const id = details.documentId ?? (event.targetType === "document" ? event.targetId : undefined) ?? (threadId ? names.threads.get(threadId)?.documentId : undefined);
  if (!id) return { label: details.title ?? fallback, href: "/documents" };
  return { label: names.documents.get(id) ?? details.title ?? fallback, href: `/documents/${id}` };
}

function meetingLink({ event, details, names }: Context) {
  const id = details.meetingId ?? (event.targetType === "meeting" ? event.targetId : undefined);
  if (!id) return { label: "a meeting", href: "/meetings" };
  return { label: names.meetings.get(id) ?? details.title ?? "a meeting", href: `/meetings/${id}` };
}

const aboutDocument = (before: string, after = ""): Describe => (context) => ({ before, link: documentLink(context), after });
const aboutMeeting = (before: string, after = ""): Describe => (context) => ({ before, link: meetingLink(context), after });
/** "resolved a comment thread on [document]", or without the document when the entry does not say which. */
const aboutComments = (before: string): Describe => (context) => {
  const link = documentLink(context, "");
  const isKnown = link.label !== "" || link.href !== "/documents";
  return isKnown ? { before: `${before} on`, link: { ...link, label: link.label || "a document" }, after: "" } : words(before);
};
const aboutSignOff = (before: string): Describe => (context) => ({ before, link: { ...documentLink(context), href: `${documentLink(context).href}/sign-off` }, after: "" });

/** "Albania's suggestion to replace “a” with “b”" from a suggestion decision's details. */
function suggestionWords(details: Details): string {
  const economy = organisationName(details.economy);
  const whose = economy ? `${economy}’s suggestion` : "a suggestion";
  const inserted = details.inserted?.trim();
  const deleted = details.deleted?.trim();
  const change = details.change?.trim();
  // A suggestion on a paragraph's form (style, list, join) says what it changes; its words, if any, follow.
  if (change) return `${whose} (${change})${inserted || deleted ? ` with its words` : ""}`;
  if (inserted && deleted) return `${whose} to replace ${quoted(deleted, 60)} with ${quoted(inserted, 60)}`;
  if (inserted) return `${whose} to insert ${quoted(inserted)}`;
  if (deleted) return `${whose} to delete ${quoted(deleted)}`;
  return whose;
}

function versionWords(details: Details): string {
  const number = details.versionNumber ?? details.number;
  const name = details.versionName ?? details.name;
  if (number === undefined) return "a version";
  return name ? `v${number} ${quoted(name)}` : `v${number}`;
}

const DESCRIBE: Record<string, Describe> = {
  "document.created": aboutDocument("created the document"),
  "document.textReplaced": aboutDocument("replaced the text of", "from a Word file (the previous text is kept as a checkpoint)"),
  "version.created": (context) =>
    context.details.isCheckpoint
      ? { before: `saved checkpoint ${versionWords(context.details)} of`, link: documentLink(context), after: "" }
      : { before: `saved ${versionWords(context.details)} of`, link: documentLink(context), after: "" },
  "round.opened": (context) => aboutSignOff(`opened a sign-off round on ${versionWords(context.details)} of`)(context),
  "round.closed": aboutSignOff("closed the sign-off round on"),
  "round.reopened": aboutSignOff("reopened the sign-off round on"),
  "signOff.recorded": (context) => {
    const { details } = context;
    const economy = organisationName(details.economy) ?? "an economy";
    const position = details.position ? `“${POSITION_LABEL[details.position]}”` : "a position";
    const whose = details.onBehalfReason ? `on behalf of ${economy}` : `for ${economy}`;
    const version = details.versionNumber !== undefined ? ` v${details.versionNumber} of` : "";
    return aboutSignOff(`recorded ${position} ${whose} on${version}`)(context);
  },
  "thread.created": (context) => aboutComments(`raised ${THREAD_KIND_WORDS[context.details.kind ?? ""] ?? "a point"}`)(context),
  "thread.resolved": aboutComments("resolved a comment thread"),
  "thread.reopened": aboutComments("reopened a comment thread"),
  "thread.suggestionApplied": aboutComments("applied a proposed wording"),
  "thread.turnedIntoSuggestion": (context) =>
    aboutComments(`turned ${organisationName(context.details.economy) ? `${organisationName(context.details.economy)}’s` : "a"} proposal into a suggestion in the text`)(context),
  "suggestion.accepted": (context) => aboutComments(`accepted ${suggestionWords(context.details)}`)(context),
  "suggestion.rejected": (context) => aboutComments(`rejected ${suggestionWords(context.details)}`)(context),
  "suggestion.withdrawn": (context) => aboutComments(`withdrew ${suggestionWords(context.details)}`)(context),
  "document.draftingRuleSet": (context) =>
    aboutDocument(context.details.draftingRule === "NEGOTIATION" ? "put under negotiation (delegations suggest, the secretariat decides)" : "opened for drafting by all delegations")(context),
  "comment.created": aboutComments("replied in a comment thread"),
  "comment.edited": aboutComments("edited a comment"),
  "comment.deleted": aboutComments("deleted a comment"),
  "meeting.scheduled": aboutMeeting("scheduled"),
  "meeting.imported": aboutMeeting("imported"),
  "meeting.rescheduled": aboutMeeting("rescheduled"),
  "meeting.updated": aboutMeeting("changed the details of"),
  "meeting.cancelled": aboutMeeting("cancelled"),
  "minutes.started": aboutMeeting("started the minutes of"),
  "minutes.circulated": aboutMeeting("circulated the minutes of"),
  "minutes.approved": aboutMeeting("approved the minutes of"),
  "agenda.itemAdded": (context) => aboutMeeting(`added ${context.details.title ? quoted(context.details.title) : "an item"} to the agenda of`)(context),
  "agenda.itemRemoved": (context) => aboutMeeting(`removed ${context.details.title ? quoted(context.details.title) : "an item"} from the agenda of`)(context),
  "agenda.itemUpdated": (context) => aboutMeeting(`changed ${context.details.title ? `the agenda item ${quoted(context.details.title)}` : "an agenda item"} of`)(context),
  "agenda.reordered": aboutMeeting("reordered the agenda of"),
  "decision.recorded": (context) => aboutMeeting(phrase("recorded the decision", context.details.text, "at"))(context),
  "decision.removed": (context) => aboutMeeting(phrase("removed the decision", context.details.text, "from"))(context),
  "actionItem.created": (context) => aboutMeeting(phrase("assigned the action", context.details.text, "at"))(context),
  "actionItem.removed": (context) => aboutMeeting(phrase("removed the action", context.details.text, "from"))(context),
  "actionItem.completed": aboutMeeting("completed an action item from"),
  "actionItem.reopened": aboutMeeting("reopened an action item from"),
  "attendance.confirmed": (context) => {
    const who = organisationName(context.details.organisationCode) ?? "a delegation";
    return aboutMeeting(`confirmed the attendance of ${who} at`)(context);
  },
  "attendance.recorded": (context) => {
    const who = organisationName(context.details.organisationCode) ?? "a delegation";
    const status = context.details.status ? ` ${ATTENDANCE_WORDS[context.details.status] ?? ""}` : "";
    return aboutMeeting(`recorded ${who}${status.trimEnd()} at`)(context);
  },
  "calendar.subscriptionCreated": () => words("subscribed to the meeting calendar"),
  "calendar.subscriptionRevoked": () => words("revoked a meeting calendar subscription"),
  "user.invited": ({ details, event, names }) => {
    const name = names.users.get(event.targetId) ?? details.name ?? "a new member";
    const organisation = organisationName(details.organisationCode);
    return words(`invited ${name}${organisation ? ` (${organisation})` : ""}`);
  },
  "user.activated": () => words("accepted an invitation and joined Accord"),
  "user.deactivated": ({ event, names }) => words(`deactivated the account of ${names.users.get(event.targetId) ?? "a member"}`),
  "user.reactivated": ({ event, names }) => words(`reactivated the account of ${names.users.get(event.targetId) ?? "a member"}`),
};

/** "agenda.itemAdded" → "agenda item added": unknown actions still read as words. */
function wordsOfAction(action: string): string {
  return action
    .split(".")
    .map((part) => part.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase())
    .join(" ");
}

/** A sentence for one audit entry; actions this module does not know still read as plain words. */
export function describeActivity(event: ActivityEvent, names: ActivityNames = NO_NAMES): ActivityEntry {
  const describe = DESCRIBE[event.action];
  const context: Context = { event, details: readDetails(event.data), names };
  const description = describe ? describe(context) : words(`recorded “${wordsOfAction(event.action)}”`);
  const organisation = organisationName(event.organisationCode ?? undefined);
  const actorName = event.actor?.name ?? (organisation ? `The ${organisation} account` : "Accord");
  const who = event.actor && organisation ? `${actorName} (${organisation})` : actorName;
  const sentence = [who, description.before, description.link?.label, description.after].filter(Boolean).join(" ");
  return {
    id: event.id,
    at: event.at,
    action: event.action,
    category: categoryOf(event.action),
    organisationCode: event.organisationCode,
    who,
    description,
    sentence,
  };
}
