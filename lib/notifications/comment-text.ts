import { splitMentions } from "@/lib/comments/mentions";

/** A comment's words as an email shows them: mentions as @Name, shortened to a paragraph. */
export function plainTextOfComment(body: string, maxLength = 600): string {
  const text = splitMentions(body)
    .map((part) => ("userId" in part ? `@${part.label}` : part.text))
    .join("")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
