// Kernel density of 2-D points on a grid: linear binning (each point's weight split among the four
// cells around it) then a separable Gaussian blur, the binned KDE of Wand & Jones: one pass over the
// points plus a blur of the grid, where an exact KDE at every cell (N·G² kernels) would take hours at 1M.
//
// Written here rather than with @deck.gl/aggregation-layers' HeatmapLayer (served), judged from its
// source, not measured: that layer draws every point as a disc of radiusPixels into a float texture
// again after every zoom change, a million discs of hundreds of pixels each on software WebGL; this
// grid is computed once per layout or filter change in a worker (0.15 to 0.8 s for 10k to 1M points
// on a loaded 2-core machine, docs/benchmarks.md) and drawn as one textured quad, whatever the zoom.

/** A density grid over `bounds` (x0, y0, x1, y1): `values[j * size + i]` is the density at cell (i, j), j up. */
export interface DensityGrid {
  size: number;
  bounds: [number, number, number, number];
  values: Float32Array;
  /** Largest value (0 for no points). */
  max: number;
  /** Points counted (those passing the mask). */
  points: number;
  /** Gaussian bandwidth in layout units. */
  bandwidth: number;
}

export interface DensityOptions {
  /** Cells per side. */
  size?: number;
  /** Gaussian bandwidth in layout units; by default half Scott's rule, at least 1.5 cells. */
  bandwidth?: number;
}

/**
 * The density of the points (x, y at `positions[i * stride]`, `[i * stride + 1]`) whose `mask[i]` is
 * not 0 (all when null), normalised to integrate to 1 over the plane.
 */
export function densityGrid(positions: Float32Array, stride: number, mask: Uint8Array | null, options: DensityOptions = {}): DensityGrid {
  const size = options.size ?? 512;
  const n = Math.floor(positions.length / stride);
  // Bounds and spread of the counted points in one pass.
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  let count = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const x = positions[i * stride];
    const y = positions[i * stride + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    count++;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    sx += x; sy += y; sxx += x * x; syy += y * y;
  }
  const values = new Float32Array(size * size);
  if (count === 0) return { size, bounds: [-1, -1, 1, 1], values, max: 0, points: 0, bandwidth: 0 };
  const sigma = Math.sqrt(Math.max(0, (sxx / count - (sx / count) ** 2 + syy / count - (sy / count) ** 2) / 2));
  const extent = Math.max(x1 - x0, y1 - y0, 1e-6);
  const scott = sigma * count ** (-1 / 6);
  // The grid covers the points plus three bandwidths, so the tails are not cut; the cell is square.
  let bandwidth = options.bandwidth ?? Math.max(0.5 * scott, extent * 0.004);
  const cell0 = (extent + 6 * bandwidth) / (size - 1);
  if (options.bandwidth === undefined) bandwidth = Math.max(bandwidth, 1.5 * cell0);
  const span = extent + 6 * bandwidth;
  const cell = span / (size - 1);
  const cx = (x0 + x1) / 2 - span / 2;
  const cy = (y0 + y1) / 2 - span / 2;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const x = positions[i * stride];
    const y = positions[i * stride + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const gx = (x - cx) / cell;
    const gy = (y - cy) / cell;
    const ix = Math.min(size - 2, Math.max(0, Math.floor(gx)));
    const iy = Math.min(size - 2, Math.max(0, Math.floor(gy)));
    const fx = gx - ix;
    const fy = gy - iy;
    const k = iy * size + ix;
    values[k] += (1 - fx) * (1 - fy);
    values[k + 1] += fx * (1 - fy);
    values[k + size] += (1 - fx) * fy;
    values[k + size + 1] += fx * fy;
  }
  blur(values, size, bandwidth / cell);
  // Counts per cell to a density: divide by the points and the cell's area.
  const scale = 1 / (count * cell * cell);
  let max = 0;
  for (let k = 0; k < values.length; k++) {
    values[k] *= scale;
    if (values[k] > max) max = values[k];
  }
  return { size, bounds: [cx, cy, cx + span, cy + span], values, max, points: count, bandwidth };
}

/**
 * Separable Gaussian blur of standard deviation `sigma` cells, in place; the total is kept. Up to 8
 * cells the kernel is exact; wider, three box blurs of matched widths (Kovesi's "boxes for Gauss")
 * keep the cost per cell constant, where an exact kernel of a wide bandwidth costs hundreds per cell.
 */
export function blur(values: Float32Array, size: number, sigma: number): void {
  const line = new Float32Array(size);
  const out = new Float32Array(size);
  const passes: ((src: Float32Array, dst: Float32Array) => void)[] = sigma <= 8 ? [gaussianPass(sigma)] : boxWidths(sigma).map((w) => boxPass(w));
  for (let axis = 0; axis < 2; axis++) {
    const step = axis === 0 ? 1 : size;
    const next = axis === 0 ? size : 1;
    for (let l = 0; l < size; l++) {
      const base = l * next;
      for (let i = 0; i < size; i++) line[i] = values[base + i * step];
      for (const pass of passes) {
        pass(line, out);
        line.set(out);
      }
      for (let i = 0; i < size; i++) values[base + i * step] = line[i];
    }
  }
}

function gaussianPass(sigma: number): (src: Float32Array, dst: Float32Array) => void {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let t = -radius; t <= radius; t++) total += kernel[t + radius] = Math.exp(-(t * t) / (2 * sigma * sigma));
  for (let t = 0; t < kernel.length; t++) kernel[t] /= total;
  return (src, dst) => {
    const n = src.length;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const a = Math.max(-radius, -i);
      const b = Math.min(radius, n - 1 - i);
      for (let t = a; t <= b; t++) s += kernel[t + radius] * src[i + t];
      dst[i] = s;
    }
  };
}

/** Odd widths of three boxes whose repeated blur has standard deviation close to `sigma`. */
function boxWidths(sigma: number): number[] {
  const ideal = Math.sqrt((12 * sigma * sigma) / 3 + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  const upper = lower + 2;
  const m = Math.round((12 * sigma * sigma - 3 * lower * lower - 12 * lower - 9) / (-4 * lower - 4));
  return [0, 1, 2].map((i) => (i < m ? lower : upper));
}

/** A moving sum of `width` cells (odd), divided by the width: what falls off an edge is lost, as with the Gaussian. */
function boxPass(width: number): (src: Float32Array, dst: Float32Array) => void {
  const r = (width - 1) / 2;
  return (src, dst) => {
    const n = src.length;
    let s = 0;
    for (let t = 0; t <= Math.min(r, n - 1); t++) s += src[t];
    for (let i = 0; i < n; i++) {
      dst[i] = s / width;
      const add = i + r + 1;
      const drop = i - r;
      if (add < n) s += src[add];
      if (drop >= 0) s -= src[drop];
    }
  };
}

/** Density levels (shares of the peak) where contour lines are drawn. */
export const CONTOUR_LEVELS = [0.05, 0.15, 0.3, 0.5, 0.7, 0.9];

/**
 * RGBA pixels of the grid, row 0 at the top: shading whose opacity grows with the density, and a
 * brighter line where the density crosses one of CONTOUR_LEVELS.
 */
export function densityImage(grid: DensityGrid, color: [number, number, number]): Uint8ClampedArray {
  const { size, values, max } = grid;
  const out = new Uint8ClampedArray(size * size * 4);
  if (max <= 0) return out;
  const band = new Uint8Array(size * size);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] / max;
    let b = 0;
    while (b < CONTOUR_LEVELS.length && v >= CONTOUR_LEVELS[b]) b++;
    band[k] = b;
  }
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const k = j * size + i;
      const v = values[k] / max;
      const b = band[k];
      const edge = b > 0 && ((i + 1 < size && band[k + 1] < b) || (i > 0 && band[k - 1] < b) || (j + 1 < size && band[k + size] < b) || (j > 0 && band[k - size] < b));
      const o = ((size - 1 - j) * size + i) * 4;
      out[o] = color[0];
      out[o + 1] = color[1];
      out[o + 2] = color[2];
      // Below the lowest level the plane stays clear, so empty space reads as empty.
      out[o + 3] = edge ? 200 : v < CONTOUR_LEVELS[0] / 2 ? 0 : Math.round(110 * Math.sqrt(v));
    }
  }
  return out;
}
