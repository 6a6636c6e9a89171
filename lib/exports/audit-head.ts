import { db } from "@/lib/db";

/**
 * The hash of the newest audit event: the chain head a PDF prints so that whoever holds it can
 * later check that the log up to this point is unchanged (`npm run audit:verify -- --anchor <hash>`).
 * Reading it needs no permission: it is a hash and reveals nothing about the events.
 */
export async function findExportAuditHead(): Promise<{ hash: string; at: Date } | null> {
  return db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true, at: true } });
}
