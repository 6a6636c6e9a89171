import { findDocumentRevision, loadDocumentState } from "@/lib/documents/live-state";
import { findThreadAnchors, type ThreadAnchor } from "@/lib/comments/anchors";

/**
 * How many documents keep their placed anchors: the few being discussed at the moment. An entry
 * is one short passage per thread, so the bound is about decoding work saved, not memory.
 */
export const ANCHOR_CACHE_CAPACITY = 8;

type Anchors = ReadonlyMap<string, ThreadAnchor>;
type Entry = { revision: string; anchors: Promise<Anchors> };
type Cache = { entries: Map<string, Entry>; statistics: { decodes: number } };

// One cache per process, kept on globalThis because Next.js may load this module once per route
// bundle: the list and the single-thread route must share it for one decode per revision.
const globalForCache = globalThis as unknown as { accordAnchorCache?: Cache };
const cache: Cache = (globalForCache.accordAnchorCache ??= { entries: new Map(), statistics: { decodes: 0 } });

/** How many times anchors were placed by decoding a stored document in this process (for tests and the benchmark). */
export const anchorCacheStatistics = cache.statistics;

/**
 * Where each thread's passage is in the document's stored state, decoded at most once per
 * revision of the document (lib/documents/live-state.ts): when an event makes every open panel
 * fetch, the first fetch decodes and the others share its result, even while it is still being
 * computed. Only the latest revision of each document is kept, in least-recently-used order.
 * The map is shared: callers read it, never change it. Callers authorize first.
 */
export async function findStoredThreadAnchors({ documentId }: { documentId: string }): Promise<Anchors> {
  const revision = await findDocumentRevision(documentId);
  if (revision === null) return new Map();
  const cached = cache.entries.get(documentId);
  // Re-inserted on every use, so the first key is always the one used longest ago.
  cache.entries.delete(documentId);
  if (cached?.revision === revision) {
    cache.entries.set(documentId, cached);
    return cached.anchors;
  }
  // The state is read after the revision, so what is stored under a revision is never older than it.
  const entry: Entry = { revision, anchors: placeAnchors(documentId) };
  cache.entries.set(documentId, entry);
  if (cache.entries.size > ANCHOR_CACHE_CAPACITY) cache.entries.delete(cache.entries.keys().next().value!);
  // A failed decode is not kept: the next fetch tries again.
  entry.anchors.catch(() => {
    if (cache.entries.get(documentId) === entry) cache.entries.delete(documentId);
  });
  return entry.anchors;
}

async function placeAnchors(documentId: string): Promise<Anchors> {
  cache.statistics.decodes += 1;
  const live = await loadDocumentState(documentId);
  return live ? findThreadAnchors(live.state) : new Map();
}
