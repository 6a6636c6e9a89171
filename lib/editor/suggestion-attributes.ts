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
