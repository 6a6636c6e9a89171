import { z } from "zod";
import type { Transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Longest comment, quote or suggested wording we accept: a long paragraph of a treaty, not a whole annex. */
export const COMMENT_MAX_LENGTH = 5_000;

/**
 * A mention is written `@[Name](userId)`: the composer inserts it when a person is picked, so the
 * id is exact and a name with spaces or diacritics needs no escaping. The name in the markup is
 * only a fallback for reading the raw text; the UI shows the person's current name from the
 * stored mention, so a forged label cannot impersonate anyone.
 */
const MENTION_PATTERN = /@\[([^\]\n]{1,120})\]\(([A-Za-z0-9_-]{1,64})\)/g;

/** Control characters other than tab and line breaks: they never belong in a comment and can hide text. */
function hasControlCharacters(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

const text = (label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .refine((value) => !hasControlCharacters(value), `${label} contains characters that cannot be shown.`);

/** The text of a comment: trimmed, not empty, at most COMMENT_MAX_LENGTH characters. */
export const commentBodySchema = text("The comment")
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write something before posting.")
      .max(COMMENT_MAX_LENGTH, `Keep the comment under ${COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters.`),
  );

/** The passage a thread is made on, kept exactly as selected. */
export const quoteSchema = text("The passage")
  .refine((value) => value.trim().length > 0, "Select the passage you are commenting on.")
  .refine((value) => value.length <= COMMENT_MAX_LENGTH, `Select a shorter passage (at most ${COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters).`);

/** Proposed replacement wording; blank means the proposal carries none. */
export const suggestedTextSchema = text("The proposed wording")
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(COMMENT_MAX_LENGTH, `Keep the proposed wording under ${COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters.`))
  .transform((value) => (value === "" ? null : value));

/** Identifiers of rows, as they arrive in routes and bodies. */
export const idSchema = z.string({ error: "Missing identifier." }).min(1, "Missing identifier.").max(64, "Not a valid identifier.");

/** The user ids mentioned in a comment, each once, in order of appearance. */
export function mentionedUserIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((match) => match[2]))];
}

/** Splits a comment into plain text and mentions, for display. */
export function splitMentions(body: string): ({ text: string } | { userId: string; label: string })[] {
  const parts: ({ text: string } | { userId: string; label: string })[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION_PATTERN)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ userId: match[2], label: match[1] });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/**
 * Stores a comment's mentions, replacing any it had. Every mentioned person must be an active
 * member of the group; otherwise the whole change is refused (the caller's transaction rolls back).
 */
export async function storeMentions(transaction: Transaction, commentId: string, body: string): Promise<string[]> {
  const userIds = mentionedUserIds(body);
  await transaction.commentMention.deleteMany({ where: { commentId } });
  if (userIds.length === 0) return [];
  const people = await transaction.user.findMany({ where: { id: { in: userIds }, isActive: true }, select: { id: true } });
  const known = new Set(people.map((person) => person.id));
  const unknown = userIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const labels = splitMentions(body).flatMap((part) => ("userId" in part && unknown.includes(part.userId) ? [`@${part.label}`] : []));
    throw new AppError("INVALID_INPUT", "Mention only people of the working group.", {
      body: [`${[...new Set(labels)].join(", ")} ${labels.length === 1 ? "is" : "are"} not an active member of the working group.`],
    });
  }
  await transaction.commentMention.createMany({ data: userIds.map((userId) => ({ commentId, userId })) });
  return userIds;
}
