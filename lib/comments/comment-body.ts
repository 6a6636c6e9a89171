import { z } from "zod";
import type { Transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";
import { mentionedUserIds, splitMentions } from "@/lib/comments/mentions";


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
