import { expect, test } from "vitest";
import { mapInSlices } from "@/lib/workers/in-slices";

/** Work that takes about a millisecond, whatever the machine. */
function aMillisecondOf<T>(value: T): T {
  const until = performance.now() + 1;
  while (performance.now() < until);
  return value;
}

test("maps every item in order, as map does", async () => {
  expect(await mapInSlices([1, 2, 3], (item) => item * 2)).toEqual([2, 4, 6]);
  expect(await mapInSlices([], (item: number) => item)).toEqual([]);
});

test("lets the event loop run once a slice of work has taken its few milliseconds", async () => {
  let ranMeanwhile = false;
  // Queued before the work starts, so it runs at the work's first yield.
  setImmediate(() => (ranMeanwhile = true));
  await mapInSlices(Array.from({ length: 20 }, (_, index) => index), aMillisecondOf);
  expect(ranMeanwhile).toBe(true);
});
