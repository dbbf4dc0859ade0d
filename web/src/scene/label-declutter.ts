// Which car labels to show so that none covers another: at a race start every car is on the grid and 20 labels
// drawn at their cars piled up into one unreadable block. Greedy in priority order (the caller's: the selected car,
// then race order), on screen rectangles; O(n^2) over at most a few dozen labels a frame.

/** A label's box on screen, in pixels, y down. */
export interface LabelBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Indices (into `boxes`, already in priority order) of the labels that go on screen; undefined boxes are off it. */
export function unclutteredLabels(boxes: readonly (LabelBox | undefined)[], gapPx = 2): number[] {
  const kept: LabelBox[] = [];
  const shown: number[] = [];
  boxes.forEach((box, i) => {
    if (!box) return;
    const clear = kept.every(
      (k) =>
        box.right + gapPx <= k.left ||
        k.right + gapPx <= box.left ||
        box.bottom + gapPx <= k.top ||
        k.bottom + gapPx <= box.top,
    );
    if (!clear) return;
    kept.push(box);
    shown.push(i);
  });
  return shown;
}
