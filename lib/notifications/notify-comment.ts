import type { Transaction } from "@/lib/db";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { findDelegates, findRecipientsByIds } from "@/lib/notifications/find-recipients";
import { notify } from "@/lib/notifications/notify";
import { plainTextOfComment } from "@/lib/notifications/comment-text";

type CommentEvent = {
  actor: { id: string; name: string; organisationCode: string };
  documentId: string;
  threadId: string;
  commentId: string;
  body: string;
  mentionedUserIds: string[];
  now?: Date;
};

const threadLink = (documentId: string, threadId: string) => `/documents/${documentId}?thread=${threadId}`;

/**
 * After a comment: everyone it mentions, and everyone who started or took part in the thread
 * (a reply), each told once — a mention wins over a reply. Mentions to one person are merged
 * into one email while unsent, so a flood of mentions is one message.
 */
export async function notifyComment(transaction: Transaction, event: CommentEvent): Promise<void> {
  const { actor, documentId, threadId, commentId } = event;
  const document = await transaction.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  const who = `${actor.name} (${getOrganisation(actor.organisationCode).shortName})`;
  const excerpt = plainTextOfComment(event.body);
  const link = threadLink(documentId, threadId);

  const mentioned = await findRecipientsByIds(transaction, event.mentionedUserIds);
  await notify(transaction, {
    kind: "comment.mention",
    recipients: mentioned,
    actorId: actor.id,
    eventKey: commentId,
    title: `${who} mentioned you in "${document.title}"`,
    paragraphs: [`${who} mentioned you in a comment on "${document.title}":`, excerpt],
    link,
    linkLabel: "Open the thread",
    coalesce: true,
    now: event.now,
  });

  const thread = await transaction.commentThread.findUniqueOrThrow({
    where: { id: threadId },
    select: { authorId: true, comments: { select: { authorId: true, id: true } } },
  });
  const isReply = thread.comments.some((comment) => comment.id !== commentId);
  if (!isReply) return;
  const participantIds = new Set([thread.authorId, ...thread.comments.map((comment) => comment.authorId)]);
  for (const id of event.mentionedUserIds) participantIds.delete(id);
  await notify(transaction, {
    kind: "comment.reply",
    recipients: await findRecipientsByIds(transaction, [...participantIds]),
    actorId: actor.id,
    eventKey: commentId,
    title: `${who} replied in a thread on "${document.title}"`,
    paragraphs: [`${who} replied in a thread you take part in on "${document.title}":`, excerpt],
    link,
    linkLabel: "Open the thread",
    now: event.now,
  });
}

type ProposalOutcome = { actorId: string; documentId: string; threadId: string; organisationCode: string; suggestedText: string; now?: Date };

/** A proposal's wording was applied to the text: its economy's delegates hear of it. */
export async function notifyProposalApplied(transaction: Transaction, outcome: ProposalOutcome): Promise<void> {
  await notifyProposalOutcome(transaction, outcome, {
    eventKeyPrefix: "applied",
    title: (title) => `Your economy's proposal was applied to "${title}"`,
    lead: (economy, title) => `The secretariat applied ${economy}'s proposal to "${title}". The text now reads:`,
  });
}

/** The secretariat put an economy's proposal into the text as its suggestion: that economy's delegates hear it is now to be decided. */
export async function notifyProposalTurnedIntoSuggestion(transaction: Transaction, outcome: ProposalOutcome): Promise<void> {
  await notifyProposalOutcome(transaction, outcome, {
    eventKeyPrefix: "suggested",
    title: (title) => `Your economy's proposal is now a suggestion in "${title}"`,
    lead: (economy, title) => `The secretariat put ${economy}'s proposal into "${title}" as its suggestion, to be accepted or rejected like any other. It proposes:`,
  });
}

/** What happened to a proposal, told to its economy's delegates with the wording and a link to the passage. */
async function notifyProposalOutcome(
  transaction: Transaction,
  { actorId, documentId, threadId, organisationCode, suggestedText, now }: ProposalOutcome,
  wording: { eventKeyPrefix: string; title: (documentTitle: string) => string; lead: (economy: string, documentTitle: string) => string },
): Promise<void> {
  const document = await transaction.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  await notify(transaction, {
    kind: "comment.outcome",
    recipients: await findDelegates(transaction, [organisationCode]),
    actorId,
    eventKey: `${wording.eventKeyPrefix}:${threadId}`,
    title: wording.title(document.title),
    paragraphs: [wording.lead(getOrganisation(organisationCode).shortName, document.title), suggestedText],
    link: threadLink(documentId, threadId),
    linkLabel: "See the passage",
    now,
  });
}

/** The secretariat decided suggestions: each one's economy's delegates hear the outcome (withdrawals are the author's own doing). */
export async function notifySuggestionsDecided(transaction: Transaction, { actorId, documentId, outcome, suggestions, now }: {
  actorId: string;
  documentId: string;
  outcome: "ACCEPTED" | "REJECTED";
  suggestions: { id: string; organisationCode: string; inserted: string; deleted: string; change?: string }[];
  now?: Date;
}): Promise<void> {
  const document = await transaction.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  const verb = outcome === "ACCEPTED" ? "accepted" : "rejected";
  for (const code of new Set(suggestions.map((suggestion) => suggestion.organisationCode))) {
    const own = suggestions.filter((suggestion) => suggestion.organisationCode === code);
    const lines = own.map((suggestion) =>
      [suggestion.change, suggestion.deleted && `delete “${suggestion.deleted.slice(0, 200)}”`, suggestion.inserted && `insert “${suggestion.inserted.slice(0, 200)}”`].filter(Boolean).join(", "),
    );
    await notify(transaction, {
      kind: "comment.outcome",
      recipients: await findDelegates(transaction, [code]),
      actorId,
      eventKey: `suggestions-${verb}:${own.map((suggestion) => suggestion.id).join(",")}`,
      title: `The secretariat ${verb} ${own.length === 1 ? "a suggestion" : `${own.length} suggestions`} of ${getOrganisation(code).shortName} in "${document.title}"`,
      paragraphs: [`The secretariat ${verb} your economy's ${own.length === 1 ? "suggestion" : "suggestions"} in "${document.title}":`, lines.join("\n")],
      link: `/documents/${documentId}`,
      linkLabel: "Open the document",
      now,
    });
  }
}
