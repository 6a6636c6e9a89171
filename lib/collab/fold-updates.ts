import * as Y from "yjs";

/**
 * A document's state with its logged updates applied, encoded again (deleted text collected), and,
 * given the state vector of a live copy, what that copy lacks of it: a small update to apply there
 * instead of the whole state, whose decoding alone takes tens of milliseconds for a long text.
 */
export function foldUpdates({ baseState, updates, knownStateVector }: { baseState: Uint8Array | null; updates: Uint8Array[]; knownStateVector?: Uint8Array }): {
  state: Uint8Array;
  missing?: Uint8Array;
} {
  const doc = new Y.Doc();
  try {
    if (baseState) Y.applyUpdate(doc, baseState);
    for (const update of updates) Y.applyUpdate(doc, update);
    const state = Y.encodeStateAsUpdate(doc);
    return { state, missing: knownStateVector ? Y.encodeStateAsUpdate(doc, knownStateVector) : undefined };
  } finally {
    doc.destroy();
  }
}
