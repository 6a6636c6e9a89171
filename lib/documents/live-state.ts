import * as Y from "yjs";
import { db, type Database, type Transaction } from "@/lib/db";

/**
 * A document's current Yjs state: the compacted snapshot plus every logged update still in the log.
 * This is what a collaborator would see after syncing, read without the websocket.
 *
 * Every remaining row is read, not only ids above `compactedUpdateId`: with several writers an
 * update with a lower id can commit after compaction ran, and compaction deletes exactly the rows
 * it folded. The log is read before the snapshot so that a compaction committing in between
 * cannot hide rows (they are either still read here or already in the snapshot read after).
 */
export async function loadDocumentState(
  documentId: string,
  client: Database | Transaction = db(),
): Promise<{ state: Uint8Array; lastUpdateId: number; loggedUpdates: number } | null> {
  const updates = await client.documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  const document = await client.document.findUnique({ where: { id: documentId }, select: { yjsState: true, compactedUpdateId: true } });
  if (!document) return null;
  const parts = [document.yjsState, ...updates.map((row) => row.update)].filter((part): part is Uint8Array<ArrayBuffer> => Boolean(part));
  const state = parts.length ? Y.mergeUpdates(parts.map((part) => new Uint8Array(part))) : Y.encodeStateAsUpdate(new Y.Doc());
  return { state, lastUpdateId: Math.max(document.compactedUpdateId, updates.at(-1)?.id ?? 0), loggedUpdates: updates.length };
}
