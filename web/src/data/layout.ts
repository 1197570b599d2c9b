// The positions the page draws: N x 3 float32 (z = 0 in 2-D), centred and scaled to the unit ball,
// allocated once per point count and rewritten in place as frames arrive.

/** Which columns of the projection go to x, y and z; z is null for a flat layout. */
export type Axes = [number, number, number | null];

export class Layout {
  readonly points: number;
  /** N x 3, what deck.gl reads. */
  readonly positions: Float32Array;
  /** Bumped on every write so renderers know the buffer changed. */
  version = 0;
  /** The last raw projection (N x dims) and its dims, kept for downloads and axis changes. */
  raw: Float32Array | null = null;
  rawDims = 0;
  axes: Axes = [0, 1, null];

  constructor(points: number) {
    this.points = points;
    this.positions = new Float32Array(points * 3);
  }

  /** Copies columns `axes` of `raw` (N x dims) into the buffer, centred and scaled to fit radius 1. */
  write(raw: Float32Array, dims: number, axes: Axes): void {
    normalizeLayout(raw, dims, axes, this.positions);
    this.raw = raw;
    this.rawDims = dims;
    this.axes = axes;
    this.version++;
  }

  /**
   * Takes positions already normalised (by the frame worker, with `normalizeLayout`) for `raw` and
   * `axes`: the buffer is copied, not recomputed.
   */
  adopt(raw: Float32Array, dims: number, axes: Axes, positions: Float32Array): void {
    if (raw.length !== this.points * dims || positions.length !== this.points * 3) throw new Error(`A layout of ${raw.length / Math.max(1, dims)} x ${dims} does not fit ${this.points} points.`);
    this.positions.set(positions);
    this.raw = raw;
    this.rawDims = dims;
    this.axes = axes;
    this.version++;
  }

  /** Re-reads the kept raw layout with other axes (PCA component choice, 2-D/3-D switch). */
  reaxis(axes: Axes): void {
    if (this.raw) this.write(this.raw, this.rawDims, axes);
  }
}

/** The default axes for a projection of `dims` columns shown in `view` dimensions. */
export function defaultAxes(dims: number, view: 2 | 3): Axes {
  return [0, Math.min(1, dims - 1), view === 3 && dims >= 3 ? 2 : null];
}

/**
 * Writes columns `axes` of `raw` (N x dims) into `out` (N x 3), centred and scaled to fit radius 1;
 * non-finite values go to the centre. Throws when the sizes or axes do not fit.
 */
export function normalizeLayout(raw: Float32Array, dims: number, axes: Axes, out: Float32Array): void {
  const n = out.length / 3;
  if (raw.length !== n * dims) throw new Error(`A layout of ${raw.length / Math.max(1, dims)} x ${dims} does not fit ${n} points.`);
  for (const a of axes) if (a !== null && (a < 0 || a >= dims)) throw new Error(`The layout has ${dims} columns; column ${a + 1} does not exist.`);
  const [ax, ay, az] = axes;
  const { cx, cy, cz, scale } = layoutFrame(raw, dims, axes);
  for (let i = 0; i < n; i++) {
    const x = raw[i * dims + ax];
    const y = raw[i * dims + ay];
    const z = az === null ? 0 : raw[i * dims + az];
    out[i * 3] = Number.isFinite(x) ? (x - cx) * scale : 0;
    out[i * 3 + 1] = Number.isFinite(y) ? (y - cy) * scale : 0;
    out[i * 3 + 2] = az !== null && Number.isFinite(z) ? (z - cz) * scale : 0;
  }
}

/** The centre and scale `normalizeLayout` maps columns `axes` of `raw` (N x dims) with. */
export function layoutFrame(raw: Float32Array, dims: number, axes: Axes): { cx: number; cy: number; cz: number; scale: number } {
  const n = Math.floor(raw.length / Math.max(1, dims));
  const [ax, ay, az] = axes;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const x = raw[i * dims + ax];
    const y = raw[i * dims + ay];
    const z = az === null ? 0 : raw[i * dims + az];
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
    cx += x;
    cy += y;
    cz += z;
    finite++;
  }
  if (finite > 0) {
    cx /= finite;
    cy /= finite;
    cz /= finite;
  }
  let radius = 0;
  for (let i = 0; i < n; i++) {
    const x = raw[i * dims + ax] - cx;
    const y = raw[i * dims + ay] - cy;
    const z = az === null ? 0 : raw[i * dims + az] - cz;
    const r = x * x + y * y + z * z;
    if (r > radius && Number.isFinite(r)) radius = r;
  }
  return { cx, cy, cz, scale: radius > 0 ? 1 / Math.sqrt(radius) : 1 };
}

/**
 * Rows placed into a layout (M x dims, the layout's own coordinates) where the layout's points are
 * drawn: the same columns, centre and scale as `normalizeLayout` gives the layout. M x 3.
 */
export function placeOnLayout(layout: Layout, placed: Float32Array, dims: number): Float32Array | null {
  const raw = layout.raw;
  if (!raw || dims !== layout.rawDims) return null;
  const [ax, ay, az] = layout.axes;
  const { cx, cy, cz, scale } = layoutFrame(raw, dims, layout.axes);
  const m = Math.floor(placed.length / dims);
  const out = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    out[i * 3] = (placed[i * dims + ax] - cx) * scale;
    out[i * 3 + 1] = (placed[i * dims + ay] - cy) * scale;
    out[i * 3 + 2] = az === null ? 0 : (placed[i * dims + az] - cz) * scale;
  }
  return out;
}
