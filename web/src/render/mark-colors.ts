// The colours of the rings that mark rows (selection, neighbours, search matches, hover), shared by the
// map of a dataset and the map of a tile set so a mark means the same on both.

import type { MarkKind } from '../data/highlight';

export const MARK_COLORS: Record<MarkKind, [number, number, number, number]> = {
  selected: [255, 255, 255, 255],
  neighbor: [255, 170, 60, 255],
  match: [90, 220, 255, 255],
  hover: [255, 255, 255, 200],
};
