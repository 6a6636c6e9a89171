import * as Y from "yjs";
import { audited } from "@/lib/audit/record";
import { readYjsState } from "@/lib/documents/content";
import { buildTextReplacement } from "@/lib/documents/text-replacement";

/**
 * A document stored before the server checked every update may not fit the editor's schema, and
 * then the editor cannot open it (y-prosemirror fails on what it cannot read). When the
 * collaboration server loads such a document it rewrites the body to the repaired text (what does
 * not fit dropped or unwrapped, every word kept, see lib/documents/repair-content.ts) as one update
 * appended to the log, with an audit event naming the repairs so the secretariat can see what
 * changed. Returns the repaired state, or null when the stored state fits (the usual case).
 */
export async function repairStoredDocument({ documentId, state }: { documentId: string; state: Uint8Array }): Promise<Uint8Array | null> {
  const { json, repairs } = readYjsState(state);
  if (repairs.length === 0) return null;
  const { update, document } = buildTextReplacement({ state, json });
  await audited(async (transaction, audit) => {
    await transaction.documentUpdate.create({ data: { documentId, update: Buffer.from(update), userId: null }, select: { id: true } });
    await audit({ actorId: null, organisationCode: null, action: "document.repaired", targetType: "document", targetId: documentId, data: { repairs } });
  });
  return Y.encodeStateAsUpdate(document);
}
