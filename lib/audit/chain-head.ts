import { db } from "@/lib/db";

/**
 * The newest entry of the chain and how many entries the chain holds. Noting it somewhere else (the
 * progress brief, an exported annex, a meeting's minutes) is the anchor a later check compares against:
 * a hash chain alone cannot show entries cut from its end or a chain re-hashed from start to end.
 */
export type AuditChainHead = { id: number; hash: string; at: Date; entryCount: number };

/** What a person copies: "<entry count>:<hash>"; the count lets a check tell truncation from rewriting. */
export function formatAuditAnchor(head: Pick<AuditChainHead, "entryCount" | "hash">): string {
  return `${head.entryCount}:${head.hash}`;
}

export type AuditAnchor = { entryCount: number | null; hash: string };

/** Reads "<entry count>:<hash>" or a bare 64-character hash; null when it is neither. */
export function parseAuditAnchor(text: string): AuditAnchor | null {
  const match = /^\s*(?:(\d{1,12})\s*:\s*)?([0-9a-f]{64})\s*$/i.exec(text);
  if (!match) return null;
  const entryCount = match[1] === undefined ? null : Number(match[1]);
  if (entryCount === 0) return null;
  return { entryCount, hash: match[2].toLowerCase() };
}

/**
 * The chain's head as stored, without verifying the chain (which `verifyAuditChain` does); for the
 * progress brief and exported annexes. Readable by anyone who can read those, so it takes no actor.
 */
export async function findAuditChainHead(): Promise<AuditChainHead | null> {
  // One read transaction, so the count and the newest entry describe the same chain.
  const [newest, entryCount] = await db().$transaction([
    db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, at: true } }),
    db().auditEvent.count(),
  ]);
  return newest ? { ...newest, entryCount } : null;
}
