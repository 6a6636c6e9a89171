import * as Y from "yjs";
import { db } from "@/lib/db";
import { loadDocumentState } from "@/lib/documents/live-state";

/**
 * Durable storage for live documents. Every update a client sends is appended to the
 * DocumentUpdate log before the server applies or acknowledges it; compaction later folds the
 * log into Document.yjsState. In memory there is only the queue of appends awaiting their commit
 * and a throttle for "last edited" stamps, so any number of instances can share one database.
 */

/** Delays between attempts when the database is briefly locked or down: about 3.5 s in all. */
const RETRY_DELAYS_MS = [100, 400, 1000, 2000];

/** Runs a database operation, retrying transient failures; the last error is rethrown. */
export async function withDatabaseRetry<T>(operation: () => Promise<T>, { delaysMs = RETRY_DELAYS_MS } = {}): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= delaysMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}

/**
 * Whether applying `update` would change nothing: every struct it carries is already in the
 * document and every range it deletes is already deleted. A reconnecting client's sync step 2
 * repeats its whole delete set; storing that again on every reconnect would only grow the log.
 * Throws on a malformed update, so this doubles as validation before anything is stored.
 */
export function isUpdateAlreadyApplied(document: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(document.store, struct.id.client)) return false;
  }
  for (const [client, deletions] of ds.clients) {
    const clientStructs = document.store.clients.get(client);
    for (const { clock, len } of deletions) {
      if (!clientStructs || clock + len > Y.getState(document.store, client)) return false;
      for (let index = Y.findIndexSS(clientStructs, clock); index < clientStructs.length; index += 1) {
        const struct = clientStructs[index];
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return false;
      }
    }
  }
  return true;
}

/** How often a document's "last edited by" stamp is refreshed while someone keeps typing. */
const LAST_EDITED_REFRESH_MS = 15_000;
const lastEditedStamps = new Map<string, { userId: string | null; at: number }>();

type QueuedAppend = { documentId: string; update: Uint8Array; userId: string | null; resolve: () => void; reject: (error: unknown) => void };
const appendQueue: QueuedAppend[] = [];
let isWritingAppends = false;
const MAX_APPENDS_PER_COMMIT = 200;

/**
 * Appends one update to the document's log. Resolves only once it is committed: the caller
 * acknowledges the update to the client after this, and the client then shows "Saved".
 * Updates arriving while a commit is under way are committed together in the next one (group
 * commit), so many people typing at once cost one transaction per round trip, not one each.
 */
export function appendDocumentUpdate({ documentId, update, userId }: { documentId: string; update: Uint8Array; userId: string | null }): Promise<void> {
  return new Promise((resolve, reject) => {
    appendQueue.push({ documentId, update, userId, resolve, reject });
    if (!isWritingAppends) void writeQueuedAppends();
  });
}

async function writeQueuedAppends(): Promise<void> {
  isWritingAppends = true;
  while (appendQueue.length > 0) {
    const batch = appendQueue.splice(0, MAX_APPENDS_PER_COMMIT);
    const now = Date.now();
    const dueStamps = new Map<string, string | null>();
    for (const { documentId, userId } of batch) {
      const stamp = lastEditedStamps.get(documentId);
      if (!stamp || stamp.userId !== userId || now - stamp.at > LAST_EDITED_REFRESH_MS) dueStamps.set(documentId, userId);
    }
    try {
      // Built inside the retry: a Prisma query can only be executed once. Transactions are avoided
      // where possible: on SQLite, libSQL opens a fresh connection for each one.
      // A single row goes through `create`: Prisma runs `createMany` in a transaction of its own.
      const rows = batch.map(({ documentId, update, userId }) => ({ documentId, update: Buffer.from(update), userId }));
      const insertRows = () => (rows.length === 1 ? db().documentUpdate.create({ data: rows[0], select: { id: true } }) : db().documentUpdate.createMany({ data: rows }));
      await withDatabaseRetry<unknown>(() =>
        dueStamps.size === 0
          ? insertRows()
          : db().$transaction([
              insertRows(),
              ...[...dueStamps].map(([documentId, userId]) =>
                db().document.updateMany({ where: { id: documentId }, data: { lastEditedAt: new Date(now), lastEditedById: userId } }),
              ),
            ]),
      );
      for (const [documentId, userId] of dueStamps) lastEditedStamps.set(documentId, { userId, at: now });
      for (const append of batch) append.resolve();
    } catch (error) {
      // Nothing in the batch is acknowledged; each client re-sends its change when it reconnects.
      for (const append of batch) append.reject(error);
    }
  }
  isWritingAppends = false;
}

/** The stored state of a document for the live server, retried while the database recovers; null if it does not exist. */
export async function loadLiveDocumentState(documentId: string): Promise<{ state: Uint8Array; loggedUpdates: number } | null> {
  return withDatabaseRetry(() => loadDocumentState(documentId));
}

/** At most this many log rows are folded per compaction, so one run stays short. */
const COMPACTION_BATCH = 2_000;
/** Ids per DELETE statement: below SQLite's limit of 999 bound parameters. */
const DELETE_BATCH = 500;

/**
 * Folds the document's logged updates into its compacted state and deletes exactly the rows it
 * folded. Safe against concurrent appends (rows committed meanwhile are simply left for the next
 * run, whatever their id) and against another instance compacting the same document (the row
 * lock taken first serialises the two, and the second sees the first's result).
 */
export async function compactDocumentUpdates({ documentId }: { documentId: string }): Promise<{ folded: number; state?: Uint8Array }> {
  return db().$transaction(
    async (transaction) => {
      // A write first: it takes the document's row lock (PostgreSQL) or the write lock (SQLite)
      // before anything is read, so the reads below see every earlier compaction.
      const locked = await transaction.$executeRaw`UPDATE "Document" SET "compactedUpdateId" = "compactedUpdateId" WHERE "id" = ${documentId}`;
      if (locked === 0) return { folded: 0 };
      const document = await transaction.document.findUniqueOrThrow({
        where: { id: documentId },
        select: { yjsState: true, compactedUpdateId: true, lastEditedAt: true },
      });
      const rows = await transaction.documentUpdate.findMany({
        where: { documentId },
        orderBy: { id: "asc" },
        take: COMPACTION_BATCH,
        select: { id: true, update: true, userId: true, createdAt: true },
      });
      if (rows.length === 0) return { folded: 0 };
      const doc = new Y.Doc();
      if (document.yjsState) Y.applyUpdate(doc, new Uint8Array(document.yjsState));
      for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const newest = rows.reduce((latest, row) => (row.createdAt > latest.createdAt ? row : latest));
      const isNewerEdit = !document.lastEditedAt || newest.createdAt >= document.lastEditedAt;
      await transaction.document.update({
        where: { id: documentId },
        data: {
          yjsState: Buffer.from(state),
          compactedUpdateId: Math.max(document.compactedUpdateId, ...rows.map((row) => row.id)),
          ...(isNewerEdit ? { lastEditedAt: newest.createdAt, lastEditedById: newest.userId } : {}),
        },
        select: { id: true },
      });
      // Exactly the folded rows (a row committed meanwhile may have a lower id, so not a range),
      // in batches within the drivers' bound parameters (SQLite allows 999 per statement).
      for (let start = 0; start < rows.length; start += DELETE_BATCH) {
        await transaction.documentUpdate.deleteMany({ where: { id: { in: rows.slice(start, start + DELETE_BATCH).map((row) => row.id) } } });
      }
      return { folded: rows.length, state };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
