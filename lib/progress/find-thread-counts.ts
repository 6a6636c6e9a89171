import { db } from "@/lib/db";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";

export type ThreadCounts = { organisationCode: string; open: number; answered: number; resolved: number };

/** Open, answered and resolved comment threads per economy, optionally for one document. */
export async function findThreadCountsByEconomy({ actor, documentId }: { actor: Actor; documentId?: string }): Promise<ThreadCounts[]> {
  authorize(actor, "workspace.read", null);
  const groups = await db().commentThread.groupBy({
    by: ["organisationCode", "status"],
    where: documentId ? { documentId } : {},
    _count: { _all: true },
  });
  return ECONOMY_CODES.map((organisationCode) => {
    const countOf = (status: string) =>
      groups.find((group) => group.organisationCode === organisationCode && group.status === status)?._count._all ?? 0;
    return { organisationCode, open: countOf("OPEN"), answered: countOf("ANSWERED"), resolved: countOf("RESOLVED") };
  });
}
