import { z } from "zod";

/** Who proposed a suggestion and when: the attributes of the suggestion marks and of a block suggestion. */
export const suggestionAttributesSchema = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  authorName: z.string().max(200),
  organisationCode: z.string().regex(/^[A-Z]{2,6}$/),
  createdAt: z.string().max(40),
});
export type SuggestionAttributes = z.infer<typeof suggestionAttributesSchema>;

/**
 * The stored value of a suggestion kept in a node attribute (a block, note, table or row suggestion):
 * a JSON string, so y-prosemirror stores it as a plain Yjs attribute and compares it as a value.
 */
export function encodeSuggestionAttribute(attributes: SuggestionAttributes, proposal: Record<string, unknown>): string {
  const { id, authorId, authorName, organisationCode, createdAt } = attributes;
  return JSON.stringify({ id, authorId, authorName, organisationCode, createdAt, ...proposal });
}

/** The suggestion a node attribute holds, as `schema` reads it, or null when it holds none or something unreadable. */
export function parseSuggestionAttribute<Schema extends z.ZodType>(value: unknown, schema: Schema): z.infer<Schema> | null {
  if (typeof value !== "string" || !value) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A passage quoted in a suggestion's description, cut to `limit` characters with "…" where it is longer. */
export function clipped(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
