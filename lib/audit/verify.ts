import type { AuditAnchor, AuditChainHead } from "@/lib/audit/chain-head";
import { GENESIS_HASH, hashAuditEntry } from "@/lib/audit/record";
import { unsafeVerifyBoundRows, type RowVerification } from "@/lib/audit/verify-rows";
import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";
import { unsafeVerifyAllVersions } from "@/lib/versions/verify-version";

/**
 * altered/unlinked: an entry was changed or one before it removed; truncated: the chain is shorter than
 * the noted anchor; rewritten: the anchor's position holds another hash; anchorMissing: a bare anchor
 * hash (no position noted) is nowhere in the chain, which truncation and rewriting both explain.
 */
export type ChainProblemKind = "altered" | "unlinked" | "truncated" | "rewritten" | "anchorMissing";

export type AuditVerification =
  | { isIntact: true; checked: number; head: AuditChainHead | null }
  | { isIntact: false; checked: number; head: AuditChainHead | null; brokenAtId: number | null; kind: ChainProblemKind; problem: string };

/**
 * Recomputes the whole chain; reports the first entry that was altered or whose predecessor is missing.
 * A hash chain alone cannot notice entries cut from its end or a chain re-hashed throughout, so a caller
 * may pass an anchor noted earlier (see chain-head.ts): the check then also tells whether the chain was
 * cut short (fewer entries than the anchor's count) or rewritten (that entry now has another hash).
 */
export async function verifyAuditChain({ anchor }: { anchor?: AuditAnchor } = {}): Promise<AuditVerification> {
  const pageSize = 1000;
  let previousHash = GENESIS_HASH;
  let cursor = 0;
  let checked = 0;
  let head: AuditChainHead | null = null;
  let anchorPosition: { id: number; hash: string } | null = null;
  let isAnchorHashFound = false;
  for (;;) {
    const page = await db().auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: pageSize });
    for (const entry of page) {
      if (entry.previousHash !== previousHash) {
        return { isIntact: false, checked, head, brokenAtId: entry.id, kind: "unlinked", problem: "an earlier entry was removed or altered" };
      }
      if (hashAuditEntry(entry) !== entry.hash) {
        return { isIntact: false, checked, head, brokenAtId: entry.id, kind: "altered", problem: "this entry was altered" };
      }
      checked++;
      if (entry.hash === anchor?.hash) isAnchorHashFound = true;
      if (checked === anchor?.entryCount) anchorPosition = { id: entry.id, hash: entry.hash };
      previousHash = entry.hash;
      head = { id: entry.id, hash: entry.hash, at: entry.at, entryCount: checked };
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1].id;
  }
  if (anchor?.entryCount != null) {
    if (!anchorPosition) {
      const problem = `the chain holds ${checked} entries but the head you noted was entry ${anchor.entryCount}: entries were removed from its end (truncated)`;
      return { isIntact: false, checked, head, brokenAtId: null, kind: "truncated", problem };
    }
    if (anchorPosition.hash !== anchor.hash) {
      const problem = `entry ${anchor.entryCount} (#${anchorPosition.id}) now has hash ${anchorPosition.hash.slice(0, 12)}…, not the ${anchor.hash.slice(0, 12)}… you noted: the chain was rewritten at or before it`;
      return { isIntact: false, checked, head, brokenAtId: anchorPosition.id, kind: "rewritten", problem };
    }
  } else if (anchor && !isAnchorHashFound) {
    const problem =
      "the hash you noted is no longer in the chain: entries were removed from its end or the chain was rewritten (note the entry count with the hash, as “count:hash”, to tell which)";
    return { isIntact: false, checked, head, brokenAtId: null, kind: "anchorMissing", problem };
  }
  return { isIntact: true, checked, head };
}

export type AuditRecordVerification = {
  chain: AuditVerification;
  rows: RowVerification;
  /** Versions whose stored content no longer gives their digest. */
  brokenVersions: Awaited<ReturnType<typeof unsafeVerifyAllVersions>>;
  isIntact: boolean;
};

/**
 * Everything `npm run audit:verify` checks: the chain, every sign-off position and version row against
 * the entry that recorded it, and every version's content against its digest.
 */
export async function unsafeVerifyAuditRecord({ anchor }: { anchor?: AuditAnchor } = {}): Promise<AuditRecordVerification> {
  const [chain, rows, versions] = await Promise.all([verifyAuditChain({ anchor }), unsafeVerifyBoundRows(), unsafeVerifyAllVersions()]);
  const brokenVersions = versions.filter(({ verification }) => !verification.isIntact);
  return { chain, rows, brokenVersions, isIntact: chain.isIntact && rows.problems.length === 0 && brokenVersions.length === 0 };
}

/** The verification page's check, for anyone in the group. */
export async function verifyAuditLog({ actor, anchor }: { actor: Actor; anchor?: AuditAnchor }): Promise<AuditRecordVerification> {
  authorize(actor, "audit.read", null);
  return unsafeVerifyAuditRecord({ anchor });
}
