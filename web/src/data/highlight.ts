// What stands out on screen: which rows are highlighted, the RGBA buffer that fades the rest, and
// the rings and labels drawn over the cloud.

/** Alpha of points when nothing is highlighted, of highlighted points, and of the faded rest. */
export const ALPHA_NORMAL = 235;
export const ALPHA_HIGHLIGHTED = 255;
export const ALPHA_FADED = 40;
/** Alpha of rows filtered out when they are dimmed rather than hidden (0: not drawn). */
export const ALPHA_FILTERED = 14;

/** Rings are drawn for at most this many search matches / selected points; beyond, fading says enough. */
export const MAX_MATCH_RINGS = 500;
export const MAX_SELECTION_RINGS = 100;
const MAX_LABELS = 400;

/** 1 for every highlighted dataset row, or null when nothing is highlighted. */
export function highlightMask(points: number, selection: readonly number[], matches: readonly number[], neighbors: readonly number[]): Uint8Array | null {
  if (selection.length === 0 && matches.length === 0 && neighbors.length === 0) return null;
  const mask = new Uint8Array(points);
  for (const list of [selection, matches, neighbors]) for (const r of list) if (r >= 0 && r < points) mask[r] = 1;
  return mask;
}

/**
 * Fills `out` (layout rows x 4 bytes) from `rgb` (dataset rows x 3 bytes): layout row i shows dataset
 * row `rows[i]` (or i), faded when a mask is given and the row is not in it; a row that fails `filter`
 * (dataset rows, 0 = filtered out) is dimmed, or left transparent (not drawn) when `hide`.
 */
export function fillColors(out: Uint8Array, rgb: Uint8Array, rows: ArrayLike<number> | null, mask: Uint8Array | null, filter: Uint8Array | null = null, hide = false): void {
  const n = out.length / 4;
  const filtered = hide ? 0 : ALPHA_FILTERED;
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    out[i * 4] = rgb[r * 3];
    out[i * 4 + 1] = rgb[r * 3 + 1];
    out[i * 4 + 2] = rgb[r * 3 + 2];
    out[i * 4 + 3] = filter && filter[r] === 0 ? filtered : mask ? (mask[r] ? ALPHA_HIGHLIGHTED : ALPHA_FADED) : ALPHA_NORMAL;
  }
}

export type MarkKind = 'selected' | 'neighbor' | 'match' | 'hover';

export interface Mark {
  row: number;
  kind: MarkKind;
}

export interface MarkInput {
  /** Dataset rows. */
  selection: readonly number[];
  matches: readonly number[];
  neighbors: readonly number[];
  /** Layout rows. */
  hovered: number | null;
  thinned: readonly number[];
  /** Layout row of a dataset row, -1 when it is not shown. */
  layoutRowOf(datasetRow: number): number;
  /** Label text of a layout row. */
  labelOf(layoutRow: number): string;
}

/**
 * Rings (layout rows) and labels: neighbours always, matches and the selection while they are few,
 * the hovered point, then the thinned labels of a zoomed-in view; each row is labelled once.
 */
export function buildMarks(input: MarkInput): { marks: Mark[]; labels: { row: number; text: string }[] } {
  const marks: Mark[] = [];
  const labels: { row: number; text: string }[] = [];
  const labelled = new Set<number>();
  const label = (row: number) => {
    if (row < 0 || labelled.has(row) || labels.length >= MAX_LABELS) return;
    labelled.add(row);
    labels.push({ row, text: input.labelOf(row) });
  };
  if (input.matches.length <= MAX_MATCH_RINGS) {
    for (const r of input.matches) {
      const row = input.layoutRowOf(r);
      if (row < 0) continue;
      marks.push({ row, kind: 'match' });
      if (input.matches.length <= 50) label(row);
    }
  }
  for (const r of input.neighbors) {
    const row = input.layoutRowOf(r);
    if (row < 0) continue;
    marks.push({ row, kind: 'neighbor' });
    label(row);
  }
  if (input.selection.length <= MAX_SELECTION_RINGS) {
    for (const r of input.selection) {
      const row = input.layoutRowOf(r);
      if (row < 0) continue;
      marks.push({ row, kind: 'selected' });
      if (input.selection.length <= 30) label(row);
    }
  }
  if (input.hovered !== null && input.hovered >= 0) {
    marks.push({ row: input.hovered, kind: 'hover' });
    label(input.hovered);
  }
  for (const row of input.thinned) label(row);
  return { marks, labels };
}
