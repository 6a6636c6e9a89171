import * as Y from "yjs";
import { db } from "@/lib/db";

/**
 * A document's current Yjs state: the compacted snapshot plus every logged update after it.
 * This is what a collaborator would see after syncing, read without the websocket.
 */
export async function loadDocumentState(documentId: string): Promise<{ state: Uint8Array; lastUpdateId: number } | null> {
  const document = await db().document.findUnique({ where: { id: documentId }, select: { yjsState: true, compactedUpdateId: true } });
  if (!document) return null;
  const updates = await db().documentUpdate.findMany({
    where: { documentId, id: { gt: document.compactedUpdateId } },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  const parts = [document.yjsState, ...updates.map((row) => row.update)].filter((part): part is Uint8Array<ArrayBuffer> => Boolean(part));
  const state = parts.length ? Y.mergeUpdates(parts.map((part) => new Uint8Array(part))) : Y.encodeStateAsUpdate(new Y.Doc());
  return { state, lastUpdateId: updates.at(-1)?.id ?? document.compactedUpdateId };
}
