import crypto from "node:crypto";
import { db, type Transaction } from "@/lib/db";

export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  actorId: string | null;
  organisationCode: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
  /**
   * For an entry that records a bound row (a sign-off position or a version): the row's digest from
   * lib/audit/row-digest.ts. Verification re-reads the row (`targetType`/`targetId`) and compares.
   */
  rowDigest?: string;
};

type ChainedFields = {
  at: Date;
  actorId: string | null;
  organisationCode: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data: string;
  rowDigest?: string | null;
  previousHash: string;
};

/** SHA-256 over a fixed-order serialisation of an entry and its predecessor's hash. */
export function hashAuditEntry(entry: ChainedFields): string {
  const fields: unknown[] = [
    entry.previousHash,
    entry.at.toISOString(),
    entry.actorId,
    entry.organisationCode,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.data,
  ];
  // Appended only when set, so entries written before rows were bound keep their hashes.
  if (entry.rowDigest) fields.push(entry.rowDigest);
  const canonical = JSON.stringify(fields);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** Appends one entry to the hash chain inside the caller's transaction. */
export async function appendAuditEvent(transaction: Transaction, input: AuditInput): Promise<void> {
  const last = await transaction.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const fields: ChainedFields = {
    // Millisecond precision is all both backends keep; hash what will be read back.
    at: new Date(Math.floor(Date.now())),
    actorId: input.actorId,
    organisationCode: input.organisationCode,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    data: JSON.stringify(input.data ?? {}),
    rowDigest: input.rowDigest ?? null,
    previousHash: last?.hash ?? GENESIS_HASH,
  };
  await transaction.auditEvent.create({ data: { ...fields, hash: hashAuditEntry(fields) } });
}

const MAX_ATTEMPTS = 5;

function isChainConflict(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: { target?: unknown } };
  return candidate?.code === "P2002" && JSON.stringify(candidate.meta?.target ?? "").includes("Hash");
}

/**
 * Runs a state change and its audit entries in one transaction: if the audit write fails,
 * the change fails. Two instances extending the chain at once collide on the unique
 * `previousHash`; the loser's whole transaction is retried.
 */
export async function audited<T>(
  work: (transaction: Transaction, audit: (input: AuditInput) => Promise<void>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(async (transaction) => {
        const pending: AuditInput[] = [];
        const result = await work(transaction, async (input) => {
          pending.push(input);
        });
        // Audit entries are appended last so the chain's head is locked for the shortest time.
        for (const input of pending) await appendAuditEvent(transaction, input);
        return result;
        // SQLite has one writer at a time: wait for it rather than failing a user's change after Prisma's 2 s default.
      }, { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isChainConflict(error)) continue;
      throw error;
    }
  }
}
