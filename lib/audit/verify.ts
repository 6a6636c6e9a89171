import { db } from "@/lib/db";
import { GENESIS_HASH, hashAuditEntry } from "@/lib/audit/record";

export type AuditVerification =
  | { isIntact: true; checked: number }
  | { isIntact: false; checked: number; brokenAtId: number; problem: string };

/** Recomputes the whole chain; reports the first entry that was altered or whose predecessor is missing. */
export async function verifyAuditChain(): Promise<AuditVerification> {
  const pageSize = 1000;
  let previousHash = GENESIS_HASH;
  let cursor = 0;
  let checked = 0;
  for (;;) {
    const page = await db().auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: pageSize });
    for (const entry of page) {
      if (entry.previousHash !== previousHash) {
        return { isIntact: false, checked, brokenAtId: entry.id, problem: "an earlier entry was removed or altered" };
      }
      if (hashAuditEntry(entry) !== entry.hash) {
        return { isIntact: false, checked, brokenAtId: entry.id, problem: "this entry was altered" };
      }
      previousHash = entry.hash;
      checked++;
    }
    if (page.length < pageSize) return { isIntact: true, checked };
    cursor = page[page.length - 1].id;
  }
}
