// Picking on the CPU: a uniform grid over the screen positions of the points, built once per camera
// and layout, answers "which point is under the pointer" without a GPU picking pass over every point.

export class PickGrid {
  private readonly columns: number;
  private readonly rows: number;
  /** Start of each cell's run in `items` (cells + 1 entries). */
  private readonly starts: Int32Array;
  private readonly items: Int32Array;

  /**
   * `screen` holds 2 floats per point (NaN when not drawn); points outside `width` x `height` are
   * left out. `cell` is the cell size in pixels.
   */
  constructor(private readonly screen: Float32Array, width: number, height: number, private readonly cell = 16) {
    this.columns = Math.max(1, Math.ceil(width / cell));
    this.rows = Math.max(1, Math.ceil(height / cell));
    const cells = this.columns * this.rows;
    const n = screen.length / 2;
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellAt(screen[i * 2], screen[i * 2 + 1]);
      cellOf[i] = c;
      if (c >= 0) counts[c + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.starts = counts;
    this.items = new Int32Array(counts[cells]);
    const fill = counts.slice(0, cells);
    for (let i = 0; i < n; i++) {
      const c = cellOf[i];
      if (c >= 0) this.items[fill[c]++] = i;
    }
  }

  private cellAt(x: number, y: number): number {
    if (!(x >= 0 && y >= 0)) return -1;
    const cx = Math.floor(x / this.cell);
    const cy = Math.floor(y / this.cell);
    if (cx >= this.columns || cy >= this.rows) return -1;
    return cy * this.columns + cx;
  }

  /** The point nearest (x, y) within `radius` pixels; among equals the later one (drawn on top). Null when none. */
  nearest(x: number, y: number, radius: number): number | null {
    const r2 = radius * radius;
    let best = -1;
    let bestDistance = Infinity;
    const x0 = Math.max(0, Math.floor((x - radius) / this.cell));
    const x1 = Math.min(this.columns - 1, Math.floor((x + radius) / this.cell));
    const y0 = Math.max(0, Math.floor((y - radius) / this.cell));
    const y1 = Math.min(this.rows - 1, Math.floor((y + radius) / this.cell));
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * this.columns + cx;
        for (let k = this.starts[c]; k < this.starts[c + 1]; k++) {
          const i = this.items[k];
          const d = (this.screen[i * 2] - x) ** 2 + (this.screen[i * 2 + 1] - y) ** 2;
          if (d <= r2 && (d < bestDistance || (d === bestDistance && i > best))) {
            best = i;
            bestDistance = d;
          }
        }
      }
    }
    return best >= 0 ? best : null;
  }
}

/**
 * The same answer as a PickGrid over `positions` (x, y, z per row) seen through `m` (a column-major
 * pixel projection matrix), found in one pass without building the grid: while a projection streams,
 * every frame is a new layout and a grid would be built for a single pick (53 ms for 100,000 points
 * in a loaded trace). `skip(i)` leaves row i out.
 */
export function nearestProjected(
  positions: ArrayLike<number>, points: number, m: ArrayLike<number>, width: number, height: number,
  x: number, y: number, radius: number, skip: ((i: number) => boolean) | null = null, cell = 16,
): number | null {
  const maxX = Math.max(1, Math.ceil(width / cell)) * cell;
  const maxY = Math.max(1, Math.ceil(height / cell)) * cell;
  const r2 = radius * radius;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < points; i++) {
    const px = positions[i * 3];
    const py = positions[i * 3 + 1];
    const pz = positions[i * 3 + 2];
    const w = m[3] * px + m[7] * py + m[11] * pz + m[15];
    if (w <= 0) continue;
    const sx = Math.fround((m[0] * px + m[4] * py + m[8] * pz + m[12]) / w);
    const dx = sx - x;
    if (dx > radius || dx < -radius) continue;
    const sy = Math.fround((m[1] * px + m[5] * py + m[9] * pz + m[13]) / w);
    const dy = sy - y;
    if (dy > radius || dy < -radius) continue;
    if (!(sx >= 0 && sy >= 0 && sx < maxX && sy < maxY)) continue;
    const d = dx * dx + dy * dy;
    if (d <= r2 && (d < bestDistance || (d === bestDistance && i > best)) && !(skip && skip(i))) {
      best = i;
      bestDistance = d;
    }
  }
  return best >= 0 ? best : null;
}
