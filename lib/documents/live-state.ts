import { stateFromStoredParts } from "@/lib/documents/content";
import { db, type Database, type Transaction } from "@/lib/db";

/**
 * A document's current Yjs state: the compacted snapshot plus every logged update still in the log.
 * This is what a collaborator would see after syncing, read without the websocket.
 */
export async function loadDocumentState(
  documentId: string,
  client: Database | Transaction = db(),
): Promise<{ state: Uint8Array; lastUpdateId: number; loggedUpdates: number } | null> {
  const stored = await findStoredStateParts(documentId, client);
  if (!stored) return null;
  const state = stateFromStoredParts(stored.parts);
  return { state, lastUpdateId: stored.lastUpdateId, loggedUpdates: stored.loggedUpdates };
}

/**
 * The document's stored Yjs state as it lies in the database, unmerged: the compacted state, then
 * each logged update in order (merging them is for whoever reads the text, possibly another thread).
 * Null when the document does not exist.
 *
 * Every remaining row is read, not only ids above `compactedUpdateId`: with several writers an
 * update with a lower id can commit after compaction ran, and compaction deletes exactly the rows
 * it folded. The log is read before the snapshot so that a compaction committing in between
 * cannot hide rows (they are either still read here or already in the snapshot read after).
 */
export async function findStoredStateParts(
  documentId: string,
  client: Database | Transaction = db(),
): Promise<{ parts: Uint8Array<ArrayBuffer>[]; lastUpdateId: number; loggedUpdates: number } | null> {
  const updates = await client.documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  const document = await client.document.findUnique({ where: { id: documentId }, select: { yjsState: true, compactedUpdateId: true } });
  if (!document) return null;
  const parts = [document.yjsState, ...updates.map((row) => row.update)].filter((part): part is Uint8Array<ArrayBuffer> => Boolean(part)).map((part) => new Uint8Array(part));
  return { parts, lastUpdateId: Math.max(document.compactedUpdateId, updates.at(-1)?.id ?? 0), loggedUpdates: updates.length };
}

/**
 * An identity of the document's stored content that is read without reading the content: it changes
 * whenever an update is appended to the log (count and sum of ids; ids alone can commit out of
 * order) or the document row is written (its compacted state, by compaction or a direct write).
 * Compaction changes it without changing the content, which only costs a cache miss. Null when the
 * document does not exist.
 */
export async function findDocumentRevision(documentId: string, client: Database | Transaction = db()): Promise<string | null> {
  const [log, document] = await Promise.all([
    client.documentUpdate.aggregate({ where: { documentId }, _count: { _all: true }, _max: { id: true }, _sum: { id: true } }),
    client.document.findUnique({ where: { id: documentId }, select: { compactedUpdateId: true, updatedAt: true } }),
  ]);
  if (!document) return null;
  return [document.compactedUpdateId, document.updatedAt.getTime(), log._count._all, log._max.id ?? 0, String(log._sum.id ?? 0)].join(":");
}
