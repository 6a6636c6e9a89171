/** A thread card to place beside the text: its height and where its passage starts (null when it has none). */
export type CardToPlace = { id: string; height: number; desiredTop: number | null };

/**
 * Where each thread card goes in the column beside the text, as in Google Docs and Word: each
 * card level with its passage, pushed down (or, above the card in focus, up) just enough not to
 * overlap its neighbours; the card in focus sits exactly beside its passage. Cards without a
 * passage (detached) follow the others. Tops are relative to the column; none is negative.
 */
export function placeThreadCards(cards: CardToPlace[], activeId: string | null, gap: number): { tops: Record<string, number>; height: number } {
  const anchored = cards.filter((card) => card.desiredTop !== null).sort((a, b) => a.desiredTop! - b.desiredTop!);
  const detached = cards.filter((card) => card.desiredTop === null);
  const tops: number[] = anchored.map((card) => Math.max(0, card.desiredTop!));
  const pivot = Math.max(0, anchored.findIndex((card) => card.id === activeId));
  for (let index = pivot + 1; index < anchored.length; index++) {
    tops[index] = Math.max(tops[index]!, tops[index - 1]! + anchored[index - 1]!.height + gap);
  }
  for (let index = pivot - 1; index >= 0; index--) {
    tops[index] = Math.min(tops[index]!, tops[index + 1]! - anchored[index]!.height - gap);
  }
  // Cards pushed up past the top of the column come back down, and push the rest down with them.
  for (let index = 0; index < anchored.length; index++) {
    const floor = index === 0 ? 0 : tops[index - 1]! + anchored[index - 1]!.height + gap;
    tops[index] = Math.max(tops[index]!, floor);
  }
  const result: Record<string, number> = {};
  let bottom = 0;
  anchored.forEach((card, index) => {
    result[card.id] = tops[index]!;
    bottom = tops[index]! + card.height + gap;
  });
  for (const card of detached) {
    result[card.id] = bottom;
    bottom += card.height + gap;
  }
  return { tops: result, height: Math.max(0, bottom - gap) };
}
