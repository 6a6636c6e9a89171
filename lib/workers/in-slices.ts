/** How long one slice may hold the event loop: a keystroke waiting behind it is relayed this much later at most. */
const SLICE_MS = 4;

/**
 * Maps each item in order, as `items.map(map)` would, but lets the event loop run whenever a slice
 * of work has taken SLICE_MS: for work on the main thread over a whole long text (a 100-page
 * document is thousands of blocks), which in one piece would hold back every edit relayed meanwhile.
 */
export async function mapInSlices<Item, Result>(items: readonly Item[], map: (item: Item) => Result): Promise<Result[]> {
  const results: Result[] = [];
  let sliceStartedAt = performance.now();
  for (const item of items) {
    results.push(map(item));
    if (performance.now() - sliceStartedAt > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStartedAt = performance.now();
    }
  }
  return results;
}
