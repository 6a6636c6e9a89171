import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldUpdates } from "@/lib/collab/fold-updates";
import { appendParagraph, bodyText } from "@/lib/testing/collaboration";

function updateOf(document: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | undefined;
  document.once("update", (update: Uint8Array) => (captured = update));
  change();
  return captured!;
}

describe("folding logged updates", () => {
  it("folds the updates into the state, and says what a live copy lacks of it, and only that", () => {
    const writer = new Y.Doc();
    for (const text of Array.from({ length: 200 }, (_, index) => `Paragraph ${index} of a long text`)) appendParagraph(writer, text);
    const baseState = Y.encodeStateAsUpdate(writer);
    const live = new Y.Doc();
    Y.applyUpdate(live, baseState);
    const seen = updateOf(writer, () => appendParagraph(writer, "Relayed to the live copy"));
    Y.applyUpdate(live, seen);
    // Stored by an instance that crashed before relaying it.
    const unseen = updateOf(writer, () => appendParagraph(writer, "Stored, never relayed"));

    const { state, missing } = foldUpdates({ baseState, updates: [seen, unseen], knownStateVector: Y.encodeStateVector(live) });
    const folded = new Y.Doc();
    Y.applyUpdate(folded, state);
    expect(bodyText(folded)).toBe(bodyText(writer));
    expect(missing!.length).toBeLessThan(state.length / 20);
    Y.applyUpdate(live, missing!);
    expect(bodyText(live)).toBe(bodyText(writer));
    expect(foldUpdates({ baseState, updates: [seen, unseen] }).missing).toBeUndefined();
  });
});
