// Which rows of a long table are in the DOM: the visible ones and a few either side. Browsers cap an
// element's height (Chromium near 33 million pixels, Firefox near 17 million), so past MAX_SCROLL the
// scroll range is compressed: the scroll position maps proportionally onto the table's real height.

/** The highest spacer the scroll box gets, in CSS pixels. */
export const MAX_SCROLL = 8_000_000;

export interface TableWindow {
  /** First row in the DOM. */
  first: number;
  /** One past the last row in the DOM. */
  end: number;
  /** Where the first row's top goes, in the spacer's pixels. */
  top: number;
  /** Height of the spacer that gives the scroll range. */
  height: number;
}

export function spacerHeight(rows: number, rowHeight: number): number {
  return Math.min(rows * rowHeight, MAX_SCROLL);
}

/** The rows to draw for a scroll position and a viewport height. */
export function tableWindow(scrollTop: number, viewport: number, rows: number, rowHeight: number, overscan = 4): TableWindow {
  const total = rows * rowHeight;
  const height = spacerHeight(rows, rowHeight);
  const scrollable = Math.max(0, height - viewport);
  const top = Math.max(0, Math.min(scrollTop, scrollable));
  // The table's real offset at this scroll position.
  const virtual = scrollable > 0 ? (top / scrollable) * Math.max(0, total - viewport) : 0;
  const visibleFirst = Math.min(rows, Math.floor(virtual / rowHeight));
  const first = Math.max(0, visibleFirst - overscan);
  const end = Math.min(rows, visibleFirst + Math.ceil(viewport / rowHeight) + 1 + overscan);
  return { first, end, top: top - (virtual - first * rowHeight), height };
}

/** The scroll position that shows `row` at the top (or as low as the table goes). */
export function scrollTopOf(row: number, viewport: number, rows: number, rowHeight: number): number {
  const total = rows * rowHeight;
  const height = spacerHeight(rows, rowHeight);
  const range = Math.max(0, total - viewport);
  if (range === 0) return 0;
  const virtual = Math.min(row * rowHeight, range);
  return (virtual / range) * Math.max(0, height - viewport);
}
