/**
 * A mention is written `@[Name](userId)`: the composer inserts it when a person is picked, so the
 * id is exact and a name with spaces or diacritics needs no escaping. The name in the markup is
 * only a fallback for reading the raw text; the UI shows the person's current name from the
 * stored mention, so a forged label cannot impersonate anyone. Pure, so the browser uses it too.
 */
const MENTION_PATTERN = /@\[([^\]\n]{1,120})\]\(([A-Za-z0-9_-]{1,64})\)/g;

export type CommentPart = { text: string } | { userId: string; label: string };

/** The user ids mentioned in a comment, each once, in order of appearance. */
export function mentionedUserIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((match) => match[2]!))];
}

/** Splits a comment into plain text and mentions, for display. */
export function splitMentions(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION_PATTERN)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ userId: match[2]!, label: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** The markup of a mention of this person. */
export function mentionMarkup(person: { id: string; name: string }): string {
  return `@[${person.name.replace(/[\]\n]/g, " ")}](${person.id})`;
}
