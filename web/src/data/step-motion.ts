// The maths of comparing two training steps on the map: how far each point moved between two aligned
// layouts (weighed against the layout's size, as `projector project --steps` reports it), and the
// positions in between that the map shows while it moves from one step to the next.

/** How far the points moved from one layout to the next. */
export interface Displacement {
  /** Per point, the distance it moved in the layout's units (NaN where either layout has no finite position). */
  moved: Float32Array;
  /** Mean and largest distance over the points with finite positions. */
  mean: number;
  max: number;
  /** Root mean square distance of the earlier layout's points from their centroid: the layout's size. */
  spread: number;
}

/**
 * Distances between rows of `before` and `after` (both N x dims, row-major, the same rows in the same
 * order), over the columns `columns` (those on screen).
 */
export function displacement(before: Float32Array, after: Float32Array, dims: number, columns: readonly number[]): Displacement {
  const n = Math.floor(before.length / Math.max(1, dims));
  if (after.length !== before.length) throw new Error(`The layouts hold ${before.length} and ${after.length} values; they must be of the same points.`);
  const moved = new Float32Array(n);
  const centre = columns.map(() => 0);
  let finite = 0;
  let total = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let squared = 0;
    let ok = true;
    for (const c of columns) {
      const a = before[i * dims + c];
      const b = after[i * dims + c];
      if (!Number.isFinite(a) || !Number.isFinite(b)) ok = false;
      squared += (b - a) * (b - a);
    }
    if (!ok) {
      moved[i] = Number.NaN;
      continue;
    }
    const d = Math.sqrt(squared);
    moved[i] = d;
    total += d;
    if (d > max) max = d;
    finite++;
    columns.forEach((c, k) => (centre[k] += before[i * dims + c]));
  }
  if (finite === 0) return { moved, mean: 0, max: 0, spread: 0 };
  for (let k = 0; k < centre.length; k++) centre[k] /= finite;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(moved[i])) continue;
    columns.forEach((c, k) => {
      const d = before[i * dims + c] - centre[k];
      sum += d * d;
    });
  }
  return { moved, mean: total / finite, max, spread: Math.sqrt(sum / finite) };
}

/** Ease in and out (cubic): starts and ends at rest, so a move reads as one motion. `t` is clamped to 0..1. */
export function ease(t: number): number {
  const x = Math.min(1, Math.max(0, t));
  return x < 0.5 ? 4 * x * x * x : 1 - ((-2 * x + 2) ** 3) / 2;
}

/** `out` = `from` + (`to` − `from`) · `f`, element by element (one pass over typed arrays: cheap per frame). */
export function lerpInto(from: Float32Array, to: Float32Array, f: number, out: Float32Array): void {
  const n = Math.min(from.length, to.length, out.length);
  for (let i = 0; i < n; i++) out[i] = from[i] + (to[i] - from[i]) * f;
}
