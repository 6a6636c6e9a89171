import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

/**
 * What the meeting forms offer to pick from: active people (as presenters and action owners)
 * and the group's documents (to link). Names and organisations only, never email addresses.
 */
export async function findMeetingChoices({ actor }: { actor: Actor }) {
  authorize(actor, "workspace.read", null);
  const [people, documents] = await Promise.all([
    db().user.findMany({
      where: { isActive: true },
      orderBy: [{ organisation: { sortOrder: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, organisationCode: true },
    }),
    db().document.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, kind: true } }),
  ]);
  // The MoU under negotiation first: it is what most meetings discuss.
  return { people, documents: documents.sort((a, b) => Number(b.kind === "MOU") - Number(a.kind === "MOU")) };
}

export type MeetingChoices = Awaited<ReturnType<typeof findMeetingChoices>>;
