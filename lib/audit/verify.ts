import { db } from "@/lib/db";
import { GENESIS_HASH, hashAuditEntry } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/policy";

/** The newest entry of the chain: noting its hash somewhere else lets a later check notice entries removed from the end. */
export type AuditHead = { id: number; hash: string; at: Date };

export type AuditVerification =
  | { isIntact: true; checked: number; head: AuditHead | null }
  | { isIntact: false; checked: number; head: AuditHead | null; brokenAtId: number | null; problem: string };

/**
 * Recomputes the whole chain; reports the first entry that was altered or whose predecessor is missing.
 * A hash chain alone cannot notice entries cut from its end, so a caller may pass the hash of an entry
 * it noted earlier (`anchorHash`): the check then also fails if that entry is no longer in the chain.
 */
export async function verifyAuditChain({ anchorHash }: { anchorHash?: string } = {}): Promise<AuditVerification> {
  const pageSize = 1000;
  let previousHash = GENESIS_HASH;
  let cursor = 0;
  let checked = 0;
  let head: AuditHead | null = null;
  let isAnchorFound = !anchorHash;
  for (;;) {
    const page = await db().auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: pageSize });
    for (const entry of page) {
      if (entry.previousHash !== previousHash) {
        return { isIntact: false, checked, head, brokenAtId: entry.id, problem: "an earlier entry was removed or altered" };
      }
      if (hashAuditEntry(entry) !== entry.hash) {
        return { isIntact: false, checked, head, brokenAtId: entry.id, problem: "this entry was altered" };
      }
      if (entry.hash === anchorHash) isAnchorFound = true;
      previousHash = entry.hash;
      head = { id: entry.id, hash: entry.hash, at: entry.at };
      checked++;
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1].id;
  }
  if (!isAnchorFound) {
    return { isIntact: false, checked, head, brokenAtId: null, problem: "the entry you noted earlier is no longer in the log: entries were removed from its end" };
  }
  return { isIntact: true, checked, head };
}

/** The verification page's check, for anyone in the group. */
export async function verifyAuditLog({ actor, anchorHash }: { actor: Actor; anchorHash?: string }): Promise<AuditVerification> {
  authorize(actor, "audit.read", null);
  return verifyAuditChain({ anchorHash });
}
