// Where labels go on screen so that none covers another: a greedy pass in priority order (hovered,
// selected, neighbours, clusters, the rest), each label trying a few spots around its anchor and
// taking the first whose box is free, with a grid of screen cells so each test looks only at the
// boxes nearby. Long texts are cut to a width with an ellipsis; the hover card shows them whole.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Lower is placed first. */
export const PRIORITY = { hovered: 0, selected: 1, neighbor: 2, cluster: 3, match: 4, other: 5 } as const;

export interface LabelRequest {
  /** Stable identity, e.g. `p12` for layout row 12, `c3` for cluster 3. */
  key: string;
  /** The anchor in canvas pixels. */
  x: number;
  y: number;
  text: string;
  priority: number;
  /** Font size in pixels. */
  size: number;
  /** `point`: beside a dot (above, below, right, left); `center`: centred on the anchor (cluster names). */
  kind: 'point' | 'center';
}

export interface PlacedLabel {
  request: LabelRequest;
  /** The text drawn: whole, or cut with an ellipsis. */
  text: string;
  box: Box;
  /** The box centre minus the anchor, in pixels (y down). */
  offset: [number, number];
}

export interface PlacementOptions {
  width: number;
  height: number;
  /** Width of `text` at `size` pixels. */
  measure(text: string, size: number): number;
  /** Widest text before it is cut (pixels). */
  maxWidth: number;
  /** Padding inside a label's box, horizontally and vertically. */
  padding?: [number, number];
  /** Free space kept between two boxes. */
  gap?: number;
  /** Distance from a dot to the nearest edge of its label. */
  clearance?: number;
  /** Most labels placed. */
  max?: number;
}

export const ELLIPSIS = '…';

/** `text`, or its longest start that fits `maxWidth` with an ellipsis after it. */
export function truncate(text: string, size: number, maxWidth: number, measure: (t: string, s: number) => number): string {
  if (measure(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + ELLIPSIS;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

const CELL = 48;

/** Boxes already placed, bucketed by the screen cells they cover. */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>();

  constructor(private readonly columns: number) {}

  free(box: Box, gap: number): boolean {
    const grown = { x0: box.x0 - gap, y0: box.y0 - gap, x1: box.x1 + gap, y1: box.y1 + gap };
    let hit = false;
    this.visit(grown, (list) => {
      if (!hit) hit = list.some((b) => overlaps(b, grown));
    });
    return !hit;
  }

  add(box: Box): void {
    this.visit(box, (list) => list.push(box), true);
  }

  private visit(box: Box, fn: (list: Box[]) => void, create = false): void {
    const cx0 = Math.floor(box.x0 / CELL);
    const cx1 = Math.floor(box.x1 / CELL);
    const cy0 = Math.floor(box.y0 / CELL);
    const cy1 = Math.floor(box.y1 / CELL);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        // Cells off screen still get a key: a box may stick out of the canvas.
        const key = (cy + 1024) * (this.columns + 2048) + cx + 1024;
        let list = this.cells.get(key);
        if (!list) {
          if (!create) continue;
          list = [];
          this.cells.set(key, list);
        }
        fn(list);
      }
    }
  }
}

/**
 * Places `requests` in priority order (ties keep their order); a label whose every spot is taken, or
 * whose anchor is off screen, is left out. No two returned boxes overlap (they are `gap` apart).
 */
export function placeLabels(requests: readonly LabelRequest[], options: PlacementOptions): PlacedLabel[] {
  const [padX, padY] = options.padding ?? [3, 1];
  const gap = options.gap ?? 2;
  const clearance = options.clearance ?? 6;
  const max = options.max ?? 500;
  const grid = new BoxGrid(Math.ceil(options.width / CELL));
  const order = requests.map((_, i) => i).sort((a, b) => requests[a].priority - requests[b].priority || a - b);
  const placed: PlacedLabel[] = [];
  for (const i of order) {
    if (placed.length >= max) break;
    const r = requests[i];
    if (!(r.x >= 0 && r.x <= options.width && r.y >= 0 && r.y <= options.height) || r.text === '') continue;
    const text = truncate(r.text, r.size, options.maxWidth, options.measure);
    const w = options.measure(text, r.size) + 2 * padX;
    const h = Math.ceil(r.size * 1.25) + 2 * padY;
    for (const [cx, cy] of spots(r.kind, w, h, clearance)) {
      const box = { x0: r.x + cx - w / 2, y0: r.y + cy - h / 2, x1: r.x + cx + w / 2, y1: r.y + cy + h / 2 };
      if (!grid.free(box, gap)) continue;
      grid.add(box);
      placed.push({ request: r, text, box, offset: [cx, cy] });
      break;
    }
  }
  return placed;
}

/** Box centres relative to the anchor, best first. */
function spots(kind: LabelRequest['kind'], w: number, h: number, clearance: number): [number, number][] {
  if (kind === 'center') return [[0, 0], [0, -h * 0.75], [0, h * 0.75]];
  return [
    [0, -(clearance + h / 2)],
    [0, clearance + h / 2],
    [clearance + w / 2, 0],
    [-(clearance + w / 2), 0],
  ];
}

/** A text measure of one font family, cached per size (canvas 2-D measureText). */
export function canvasMeasure(fontFamily: string, weight = 'normal'): (text: string, size: number) => number {
  const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
  const context = canvas?.getContext('2d') ?? null;
  const cache = new Map<string, number>();
  return (text, size) => {
    const key = `${size}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      if (context) {
        context.font = `${weight} ${size}px ${fontFamily}`;
        w = context.measureText(text).width;
      } else w = text.length * size * 0.6;
      if (cache.size > 5000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}
