import { db } from "@/lib/db";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";

export type ThreadCounts = { organisationCode: string; open: number; answered: number; resolved: number };
export type ThreadGroup = { organisationCode: string; status: "OPEN" | "ANSWERED" | "RESOLVED"; _count: { _all: number } };

/** One row per economy, in the catalogue's order, from `groupBy` rows of organisation and status. */
export function countThreadsByEconomy(groups: ThreadGroup[]): ThreadCounts[] {
  return ECONOMY_CODES.map((organisationCode) => {
    const countOf = (status: ThreadGroup["status"]) =>
      groups.filter((group) => group.organisationCode === organisationCode && group.status === status).reduce((sum, group) => sum + group._count._all, 0);
    return { organisationCode, open: countOf("OPEN"), answered: countOf("ANSWERED"), resolved: countOf("RESOLVED") };
  });
}

/** Open, answered and resolved comment threads per economy, optionally for one document. */
export async function findThreadCountsByEconomy({ actor, documentId }: { actor: Actor; documentId?: string }): Promise<ThreadCounts[]> {
  authorize(actor, "workspace.read", null);
  return countThreads(documentId);
}

/**
 * One document's counts without a policy check, for the live event streams: they load them once
 * per event for all their readers, and authorize each reader before sending anything.
 */
export async function unsafeFindThreadCountsOfDocument(documentId: string): Promise<ThreadCounts[]> {
  return countThreads(documentId);
}

async function countThreads(documentId: string | undefined): Promise<ThreadCounts[]> {
  const groups = await db().commentThread.groupBy({
    by: ["organisationCode", "status"],
    where: documentId ? { documentId } : {},
    _count: { _all: true },
  });
  return countThreadsByEconomy(groups);
}
