import type { Document } from "@hocuspocus/server";

/** The method through which a Hocuspocus 4 document sends awareness changes to all its connections. */
type AwarenessBroadcaster = { broadcastAwarenessUpdate?: (changedClients: number[]) => void };

/**
 * Sends the document's awareness changes (carets, selections, names) at most once per `windowMs`:
 * each connection gets one message with the latest state of every client that changed in the
 * window, a client that left included (as removed), instead of one message per change. With N
 * editors moving carets that is N messages per window rather than N² per second.
 *
 * Hocuspocus has one batching window (`flushDelay`) for document updates and awareness together;
 * widening it would hold back every edit as well, so only the awareness broadcast is deferred here.
 * It is a private method of Hocuspocus' Document: this throws if an upgrade renames it, rather
 * than silently falling back to unbatched carets.
 */
export function batchAwarenessBroadcasts(document: Document, windowMs: number): void {
  if (windowMs <= 0) return;
  const broadcaster = document as unknown as AwarenessBroadcaster;
  if (typeof broadcaster.broadcastAwarenessUpdate !== "function") throw new Error("Hocuspocus' Document no longer has broadcastAwarenessUpdate");
  const broadcastNow = broadcaster.broadcastAwarenessUpdate.bind(document);
  const changedClients = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  broadcaster.broadcastAwarenessUpdate = (clients) => {
    for (const clientId of clients) changedClients.add(clientId);
    timer ??= setTimeout(() => {
      timer = null;
      // A document is unloaded only once its last connection has gone: nobody is left to tell.
      if (document.isDestroyed) return;
      const clientsToSend = [...changedClients];
      changedClients.clear();
      broadcastNow(clientsToSend);
    }, windowMs);
  };
}
