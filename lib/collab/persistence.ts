import { setImmediate as nextTurn } from "node:timers/promises";
import * as Y from "yjs";
import { z } from "zod";
import { Prisma } from "@/generated/sqlite/client";
import { Prisma as PostgresPrisma, type PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { db, sqliteUrlOf } from "@/lib/db";
import { env } from "@/lib/env";
import { loadDocumentState } from "@/lib/documents/live-state";
import { workerRequests } from "@/lib/workers/worker-requests";

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

/** How often at most a document's "last edited by" stamp is written while people keep typing. */
const LAST_EDITED_REFRESH_MS = 15_000;
/** Per document: when its stamp was last written, and the timer that stamps a newer edit when the window ends. */
const lastEditedStamps = new Map<string, { writtenAt: number; timer: NodeJS.Timeout | null }>();
/** Per document, the newest edit not yet stamped because its window has not ended. */
const pendingStamps = new Map<string, StampedEdit>();
/** Stamps waiting to be written, and the writing under way (one stamp at a time), if any. */
const dueStamps = new Map<string, StampedEdit>();
let stampsWriting: Promise<void> | null = null;
type StampedEdit = { userId: string | null; at: Date };

type QueuedAppend = {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
  onStalled?: (error: unknown) => void;
  isStallReported: boolean;
  /** Set once its commit has an answer: committed, or refused for good. */
  outcome: { isCommitted: true } | { isCommitted: false; error: unknown } | null;
  resolve: () => void;
  reject: (error: unknown) => void;
};
/** Appends not yet in a commit. */
const appendQueue: QueuedAppend[] = [];
/** Appends in a commit, in the order they were queued; settled in that order (see settleInOrder). */
const appendsInCommits: QueuedAppend[] = [];
let commitsInFlight = 0;
let isCommitScheduled = false;
const MAX_APPENDS_PER_COMMIT = 200;
/** After failing for this long without a success the queue counts as stalled and its waiters are told. */
const STALL_AFTER_MS = 3_500;
/** Commits, updates appended and failed commit attempts of this process so far (for tests and the benchmark). */
export const appendStatistics = { commits: 0, updates: 0, failedAttempts: 0, mostCommitsInFlight: 0 };
/** The most recent append of each document still waiting for its commit. */
const latestAppends = new Map<string, Promise<void>>();

/**
 * Appends one update to the document's log. Resolves once it is committed: the server relays
 * the update to everyone at once but acknowledges it to its sender ("Saved") only after this.
 *
 * Every update queued when a commit starts, from any connection and any document, goes into
 * that one commit (group commit), so a fast typist or many people typing cost one commit per
 * round trip, not one each. On PostgreSQL a few commits overlap (maxCommitsInFlight); either way
 * appends resolve in the order they were queued, whatever order their commits finish in.
 *
 * A transient failure is retried until the database answers again, because by then the update is
 * already in the live document and in other people's editors: dropping it would leave the log
 * behind what everyone sees. `onStalled` is called once if the database stays unavailable for a
 * few seconds, so the server can tell the sender. Only a permanent failure (the document was
 * deleted meanwhile) rejects.
 */
export function appendDocumentUpdate({ documentId, update, userId, onStalled }: {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
  onStalled?: (error: unknown) => void;
}): Promise<void> {
  const committed = new Promise<void>((resolve, reject) => {
    appendQueue.push({ documentId, update, userId, onStalled, isStallReported: false, outcome: null, resolve, reject });
    scheduleCommits();
  });
  latestAppends.set(documentId, committed);
  const forget = () => {
    if (latestAppends.get(documentId) === committed) latestAppends.delete(documentId);
  };
  committed.then(forget, forget);
  return committed;
}

/**
 * Resolves once every update of the document queued so far is committed. Whatever the live
 * document holds at the moment of the call was queued before it was applied, so after this
 * resolves all of it is durable (appends resolve in queue order, so the latest one is enough):
 * the server waits for this before it acknowledges a change that was already there, or hands the
 * document's content to another instance.
 */
export function whenDocumentDurable(documentId: string): Promise<void> {
  return latestAppends.get(documentId) ?? Promise.resolve();
}

/**
 * Starts commits for what is queued once the event loop has turned: messages that arrived during
 * the last commit (which blocks, since libSQL's calls are synchronous) are read and queued first,
 * and join it. Not in the turn that queued the update: Hocuspocus relays what arrived in a turn
 * from a setImmediate callback it registers as the update is applied, after beforeSync queued the
 * append here, so a commit started in this turn's callbacks would run first and hold the relay to
 * everyone else until SQLite had synced the file (half of the propagation time on a quiet machine).
 */
function scheduleCommits(): void {
  if (isCommitScheduled || commitsInFlight >= maxCommitsInFlight()) return;
  isCommitScheduled = true;
  setImmediate(() =>
    setImmediate(() => {
      isCommitScheduled = false;
      while (appendQueue.length > 0 && commitsInFlight < maxCommitsInFlight()) void commit(appendQueue.splice(0, MAX_APPENDS_PER_COMMIT));
    }),
  );
}

/**
 * Commits under way at once. On PostgreSQL each commit is a round trip to a server that may be far
 * away, so an update queued while commits are under way starts its own at once instead of waiting
 * for them (ACCORD_COLLAB_COMMITS_IN_FLIGHT, default 4, well within the pool in lib/db.ts). libSQL's
 * calls block the event loop, so on SQLite overlapping would only delay the reads that fill the
 * next batch: one at a time.
 */
function maxCommitsInFlight(): number {
  return sqliteUrlOf(db()) ? 1 : env().ACCORD_COLLAB_COMMITS_IN_FLIGHT;
}

/** Commits one batch, retrying it until every append in it has an outcome, then frees its slot. */
async function commit(batch: QueuedAppend[]): Promise<void> {
  commitsInFlight += 1;
  appendStatistics.mostCommitsInFlight = Math.max(appendStatistics.mostCommitsInFlight, commitsInFlight);
  appendsInCommits.push(...batch);
  let failedAttempts = 0;
  let failingSince: number | null = null;
  let remaining = batch;
  while (remaining.length > 0) {
    try {
      await insertUpdates(remaining);
      appendStatistics.commits += 1;
      appendStatistics.updates += remaining.length;
      for (const append of remaining) append.outcome = { isCommitted: true };
      remaining = [];
    } catch (error) {
      if (isPermanentFailure(error)) {
        remaining = await insertOneByOne(remaining);
        if (remaining.length === 0) break;
      }
      failedAttempts += 1;
      appendStatistics.failedAttempts += 1;
      failingSince ??= Date.now();
      if (Date.now() - failingSince >= STALL_AFTER_MS) {
        for (const append of [...remaining, ...appendQueue]) {
          if (append.isStallReported) continue;
          append.isStallReported = true;
          append.onStalled?.(error);
        }
      }
      // Unreferenced: a process shutting down does not wait for a database that is gone.
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[Math.min(failedAttempts, RETRY_DELAYS_MS.length) - 1]).unref());
    }
  }
  const stamped = scheduleStamps(batch.filter((append) => append.outcome?.isCommitted));
  // On SQLite the stamp is a local write that costs little before "Saved"; written after it, it
  // would hold the file's lock just as another process (a backup, a test) reads what was saved.
  if (sqliteUrlOf(db())) await stamped;
  settleInOrder();
  commitsInFlight -= 1;
  scheduleCommits();
}

/**
 * Resolves (or rejects) appends whose commit has answered, oldest first, stopping at the first one
 * still waiting. Overlapping commits can finish out of order; settling in queue order keeps each
 * connection's acknowledgements in the order of its messages and makes whenDocumentDurable exact.
 */
function settleInOrder(): void {
  let settled = 0;
  for (const append of appendsInCommits) {
    if (!append.outcome) break;
    if (append.outcome.isCommitted) append.resolve();
    else append.reject(append.outcome.error);
    settled += 1;
  }
  appendsInCommits.splice(0, settled);
}

/**
 * One statement for the whole batch, outside any transaction: on SQLite, libSQL hands each
 * transaction (and Prisma's createMany takes one) a fresh connection and file handle, which made
 * every commit reopen the database. A single INSERT is atomic by itself on both databases.
 */
async function insertUpdates(batch: readonly QueuedAppend[]): Promise<void> {
  const rows = batch.map(({ documentId, update, userId }) => ({ documentId, update: Buffer.from(update), userId }));
  if (!sqliteUrlOf(db())) {
    // One statement, so one round trip to a database that may be far away (Prisma's create and
    // createMany take more). The PostgreSQL client builds its own placeholders from its own Sql.
    const values = rows.map(({ documentId, update, userId }) => PostgresPrisma.sql`(${documentId}, ${update}, ${userId})`);
    const postgres = db() as unknown as PostgresClient;
    await postgres.$executeRaw`INSERT INTO "DocumentUpdate" ("documentId", "update", "userId") VALUES ${PostgresPrisma.join(values)}`;
    return;
  }
  // Raw for one row too: Prisma's create compiles its query on every call, 0.3–0.5 ms of this thread per commit.
  const createdAt = sqliteDateTime(new Date());
  const values = rows.map(({ documentId, update, userId }) => Prisma.sql`(${documentId}, ${update}, ${userId}, ${createdAt})`);
  await db().$executeRaw`INSERT INTO "DocumentUpdate" ("documentId", "update", "userId", "createdAt") VALUES ${Prisma.join(values)}`;
}

/**
 * After a permanent failure, each append alone: the ones whose document is gone are refused, the
 * rest stored. Returns what is left when the database fails transiently again, for the caller to retry.
 */
async function insertOneByOne(batch: readonly QueuedAppend[]): Promise<QueuedAppend[]> {
  for (const [index, append] of batch.entries()) {
    try {
      await withDatabaseRetry(() => insertUpdates([append]));
      append.outcome = { isCommitted: true };
    } catch (error) {
      if (!isPermanentFailure(error)) return batch.slice(index);
      append.outcome = { isCommitted: false, error };
    }
  }
  return [];
}

/** A foreign key to a document deleted meanwhile: no retry will ever store it. */
function isPermanentFailure(error: unknown): boolean {
  // By its code: each backend's generated client has its own error class.
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2003" || code === "P2025";
}

/**
 * The "last edited" stamps, written after the commit and, on PostgreSQL, off the acknowledgement's
 * path (on a distant database it would add its round trip to "Saved"; in the same transaction it
 * would cost SQLite a fresh connection). A stamp is written at most once per 15 s per document,
 * whoever types: the stamp lives in the document's row beside its compacted state, and SQLite
 * rewrites the whole row (hundreds of kilobytes for a long text) to change one column, so with
 * people taking turns a stamp per commit made most of the bytes written. An edit inside the window
 * is stamped when the window ends, with its own time and author, so the stamp is never more than
 * 15 s behind. One write at a time; a failed one is retried with a later commit (compaction sets
 * the exact stamp too). Resolves once every stamp due so far is written (or has failed).
 */
function scheduleStamps(committed: readonly QueuedAppend[]): Promise<void> {
  const now = Date.now();
  for (const { documentId, userId } of committed) {
    const edit = { userId, at: new Date(now) };
    const stamp = lastEditedStamps.get(documentId);
    if (!stamp || now - stamp.writtenAt >= LAST_EDITED_REFRESH_MS) {
      markStampDue(documentId, edit);
      continue;
    }
    pendingStamps.set(documentId, edit);
    stamp.timer ??= setTimeout(() => {
      stamp.timer = null;
      const pending = pendingStamps.get(documentId);
      if (!pending) return;
      markStampDue(documentId, pending);
      void scheduleStamps([]);
    }, stamp.writtenAt + LAST_EDITED_REFRESH_MS - now).unref();
  }
  if (!stampsWriting && dueStamps.size > 0) {
    stampsWriting = writeStamps().finally(() => {
      stampsWriting = null;
      // Due after the writer's last look, before it finished.
      if (dueStamps.size > 0) void scheduleStamps([]);
    });
  }
  return stampsWriting ?? Promise.resolve();
}

function markStampDue(documentId: string, edit: StampedEdit): void {
  const timer = lastEditedStamps.get(documentId)?.timer;
  if (timer) clearTimeout(timer);
  pendingStamps.delete(documentId);
  lastEditedStamps.set(documentId, { writtenAt: Date.now(), timer: null });
  dueStamps.set(documentId, edit);
}

async function writeStamps(): Promise<void> {
  for (const [documentId, edit] of dueStamps) {
    dueStamps.delete(documentId);
    try {
      await writeStamp(documentId, edit);
    } catch {
      lastEditedStamps.delete(documentId);
    }
  }
}

/**
 * One UPDATE statement: Prisma's update and updateMany wrap theirs in a transaction on PostgreSQL
 * (three round trips), and one left open when the process disconnects holds its pool connection.
 */
async function writeStamp(documentId: string, { userId, at }: StampedEdit): Promise<void> {
  const now = new Date();
  if (!sqliteUrlOf(db())) {
    const postgres = db() as unknown as PostgresClient;
    await postgres.$executeRaw`UPDATE "Document" SET "lastEditedAt" = ${at}, "lastEditedById" = ${userId}, "updatedAt" = ${now} WHERE "id" = ${documentId}`;
    return;
  }
  await db().$executeRaw`UPDATE "Document" SET "lastEditedAt" = ${sqliteDateTime(at)}, "lastEditedById" = ${userId}, "updatedAt" = ${sqliteDateTime(now)} WHERE "id" = ${documentId}`;
}

/** Prisma's own text form of a DateTime on SQLite, so rows written by raw statements read back like any other. */
function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** The stored state of a document for the live server, retried while the database recovers; null if it does not exist. */
export async function loadLiveDocumentState(documentId: string): Promise<{ state: Uint8Array; loggedUpdates: number } | null> {
  return withDatabaseRetry(() => loadDocumentState(documentId));
}

/** At most this many log rows are folded per compaction, so one run stays short. */
const COMPACTION_BATCH = 2_000;
/**
 * Rows read or deleted between two turns of the event loop. The libSQL driver runs in this thread,
 * and reading or deleting 2,000 rows at once held the loop for 22–45 ms, which every collaborator's
 * edits waited out; a slice takes a few milliseconds. Also below SQLite's limit of 999 bound
 * parameters per statement.
 */
const COMPACTION_SLICE = 250;

/**
 * What one compaction read and folded: the stored state it started from, the rows, the folded state
 * and, if asked, what a live copy lacks of it.
 */
export type FoldedLog = {
  documentId: string;
  baseState: Uint8Array | null;
  rows: { id: number; userId: string | null; createdAt: Date }[];
  state: Uint8Array;
  missing?: Uint8Array;
};

/**
 * Folds the document's logged updates into its compacted state and deletes exactly the rows it
 * folded: reads and folds without any lock (foldDocumentLog), then stores the result in a short
 * transaction (storeFoldedLog) unless another compaction stored something in between. Safe against
 * concurrent appends (rows committed meanwhile are simply left for the next run, whatever their id)
 * and against another instance compacting the same document.
 */
export async function compactDocumentUpdates({ documentId, knownStateVector }: { documentId: string; knownStateVector?: Uint8Array }): Promise<{ folded: number; missing?: Uint8Array }> {
  const fold = await foldDocumentLog({ documentId, knownStateVector });
  if (!fold) return { folded: 0 };
  const { folded } = await storeFoldedLog(fold);
  return folded ? { folded, missing: fold.missing } : { folded };
}

// The folding itself (lib/collab/fold-updates.ts) happens in a worker process at the lowest priority.
const requestFold = workerRequests({
  task: "Compacting the document's log",
  script: "lib/collab/fold-worker.mjs",
  answer: z.object({ state: z.instanceof(Uint8Array), missing: z.instanceof(Uint8Array).optional() }),
});

/**
 * Reads the stored state and up to COMPACTION_BATCH log rows, oldest first, a slice at a time, and
 * has them folded in a worker, holding no lock: other commits and compactions go on meanwhile.
 * Given a live copy's state vector, the fold also says what that copy lacks. Null if there is
 * nothing to fold.
 */
export async function foldDocumentLog({ documentId, knownStateVector }: { documentId: string; knownStateVector?: Uint8Array }): Promise<FoldedLog | null> {
  const document = await db().document.findUnique({ where: { id: documentId }, select: { yjsState: true } });
  if (!document) return null;
  const baseState = document.yjsState ? new Uint8Array(document.yjsState) : null;
  const rows: FoldedLog["rows"] = [];
  const updates: Uint8Array[] = [];
  while (rows.length < COMPACTION_BATCH) {
    await nextTurn();
    const slice = await db().documentUpdate.findMany({
      where: { documentId, ...(rows.length ? { id: { gt: rows.at(-1)!.id } } : {}) },
      orderBy: { id: "asc" },
      take: Math.min(COMPACTION_SLICE, COMPACTION_BATCH - rows.length),
      select: { id: true, update: true, userId: true, createdAt: true },
    });
    for (const { update, ...row } of slice) {
      updates.push(new Uint8Array(update));
      rows.push(row);
    }
    if (slice.length < COMPACTION_SLICE) break;
  }
  if (rows.length === 0) return null;
  const { state, missing } = await requestFold({ baseState, updates, knownStateVector });
  return { documentId, baseState, rows, state, missing };
}

/**
 * Stores a fold: the new state, the newest edit's stamp, and the folded rows deleted (exactly
 * those: a row committed meanwhile may have a lower id, so not a range). Stores nothing if the
 * stored state is no longer the one the fold started from: another compaction (on this instance
 * or another) stored its own meanwhile, which this one would overwrite; the rows stay for the next run.
 */
export async function storeFoldedLog({ documentId, baseState, rows, state }: FoldedLog): Promise<{ folded: number }> {
  return db().$transaction(
    async (transaction) => {
      // A write first: it takes the document's row lock (PostgreSQL) or the write lock (SQLite)
      // before anything is read, so the read below sees every earlier compaction.
      const locked = await transaction.$executeRaw`UPDATE "Document" SET "compactedUpdateId" = "compactedUpdateId" WHERE "id" = ${documentId}`;
      if (locked === 0) return { folded: 0 };
      const document = await transaction.document.findUniqueOrThrow({
        where: { id: documentId },
        select: { yjsState: true, compactedUpdateId: true, lastEditedAt: true },
      });
      const isBaseStillStored = document.yjsState && baseState ? Buffer.compare(document.yjsState, baseState) === 0 : document.yjsState === baseState;
      if (!isBaseStillStored) return { folded: 0 };
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
      for (let start = 0; start < rows.length; start += COMPACTION_SLICE) {
        await nextTurn();
        await transaction.documentUpdate.deleteMany({ where: { id: { in: rows.slice(start, start + COMPACTION_SLICE).map((row) => row.id) } } });
      }
      return { folded: rows.length };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
