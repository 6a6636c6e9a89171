import type { Document } from "@hocuspocus/server";

/** The method through which a Hocuspocus 4 document sends awareness changes to all its connections. */
type AwarenessBroadcaster = { broadcastAwarenessUpdate?: (changedClients: number[]) => void };

/** The parts of a Hocuspocus document the batching reads: its connections and whether it is gone. */
type BatchedDocument = Pick<Document, "getConnectionsCount" | "isDestroyed">;

export type AwarenessBatching = {
  /** The shortest time between two caret messages to the document's connections. */
  windowMs: number;
  /**
   * Caret states a document may send in all, per second, summed over its connections. Each
   * message carries every changed client's state to every connection, so N people moving carets
   * cost about N² states: once a broadcast has spent more than this allows, the next one waits.
   */
  statesPerSecond: number;
};

/**
 * Sends the document's awareness changes (carets, selections, names) at most once per window:
 * each connection gets one message with the latest state of every client that changed in the
 * window, a client that left included (as removed), instead of one message per change. With N
 * editors moving carets that is N messages per window rather than N² per second; and once the
 * crowd is so large that even one state per editor per window exceeds `statesPerSecond`, the
 * window stretches to fit the budget, so carets move less often rather than delaying everything.
 * Edits are never held back.
 *
 * Hocuspocus has one batching window (`flushDelay`) for document updates and awareness together;
 * widening it would hold back every edit as well, so only the awareness broadcast is deferred here.
 * It is a private method of Hocuspocus' Document: this throws if an upgrade renames it, rather
 * than silently falling back to unbatched carets.
 */
export function batchAwarenessBroadcasts(document: BatchedDocument, { windowMs, statesPerSecond }: AwarenessBatching): void {
  if (windowMs <= 0) return;
  const broadcaster = document as unknown as AwarenessBroadcaster;
  if (typeof broadcaster.broadcastAwarenessUpdate !== "function") throw new Error("Hocuspocus' Document no longer has broadcastAwarenessUpdate");
  const broadcastNow = broadcaster.broadcastAwarenessUpdate.bind(document);
  const changedClients = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  // When the states sent by the last broadcast have been paid for out of the budget.
  let budgetFreeAt = 0;
  broadcaster.broadcastAwarenessUpdate = (clients) => {
    for (const clientId of clients) changedClients.add(clientId);
    if (timer) return;
    const now = Date.now();
    timer = setTimeout(() => {
      timer = null;
      // A document is unloaded only once its last connection has gone: nobody is left to tell.
      if (document.isDestroyed) return;
      const clientsToSend = [...changedClients];
      changedClients.clear();
      budgetFreeAt = Date.now() + (clientsToSend.length * document.getConnectionsCount() * 1000) / statesPerSecond;
      broadcastNow(clientsToSend);
    }, Math.max(windowMs, budgetFreeAt - now));
  };
}
