import { z } from "zod";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

export type Party = { userId: string | null; organisationCode: string | null };

/**
 * A person or an organisation as a form sends it: "organisation:AL" or "user:<id>". One field
 * keeps the forms simple (presenter of an agenda item, owner of an action item); the database
 * keeps the two kinds in separate columns.
 */
export function partyInput({ isRequired, message }: { isRequired: boolean; message: string }) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context): Party => {
      if (!value) {
        if (isRequired) {
          context.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return { userId: null, organisationCode: null };
      }
      const [kind, reference] = value.split(":", 2);
      if (kind === "organisation" && ORGANISATIONS.some((entry) => entry.code === reference)) return { userId: null, organisationCode: reference };
      if (kind === "user" && reference && reference.length <= 100) return { userId: reference, organisationCode: null };
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    });
}
