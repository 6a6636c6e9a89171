import { describe, expect, it } from "vitest";
import { placeThreadCards } from "@/components/comments/thread-layout";

describe("placeThreadCards", () => {
  it("puts each card level with its passage when there is room", () => {
    const placed = placeThreadCards([{ id: "a", height: 100, desiredTop: 50 }, { id: "b", height: 100, desiredTop: 400 }], null, 10);
    expect(placed).toEqual({ tops: { a: 50, b: 400 }, height: 500 });
  });

  it("pushes a card down rather than overlap the one above, and lists detached threads last", () => {
    const placed = placeThreadCards(
      [{ id: "gone", height: 40, desiredTop: null }, { id: "b", height: 100, desiredTop: 120 }, { id: "a", height: 100, desiredTop: 100 }],
      null,
      10,
    );
    expect(placed.tops).toEqual({ a: 100, b: 210, gone: 320 });
    expect(placed.height).toBe(360);
  });

  it("keeps the card in focus beside its passage, moving the ones above it up", () => {
    const placed = placeThreadCards([{ id: "a", height: 100, desiredTop: 300 }, { id: "b", height: 100, desiredTop: 320 }], "b", 10);
    expect(placed.tops).toEqual({ a: 210, b: 320 });
  });

  it("never places a card above the column, pushing the rest down instead", () => {
    const placed = placeThreadCards([{ id: "a", height: 100, desiredTop: 0 }, { id: "b", height: 100, desiredTop: 20 }], "b", 10);
    expect(placed.tops).toEqual({ a: 0, b: 110 });
  });
});
