import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

export type MentionablePerson = { id: string; name: string; organisationCode: string };

/** Everyone active in the working group, by organisation then name: whom a comment may mention. */
export async function findMentionablePeople({ actor }: { actor: Actor }): Promise<MentionablePerson[]> {
  authorize(actor, "workspace.read", null);
  return db().user.findMany({
    where: { isActive: true },
    select: { id: true, name: true, organisationCode: true },
    orderBy: [{ organisation: { sortOrder: "asc" } }, { name: "asc" }],
  });
}
