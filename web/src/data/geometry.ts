// Screen-space helpers: lasso hit tests and picking which labels fit without overlapping.

export type Point2 = [number, number];

/** Even-odd rule; `polygon` is closed implicitly. */
export function insidePolygon(x: number, y: number, polygon: readonly Point2[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Rows whose screen position (`screen`, 2 floats per row, NaN when off screen) lies inside the
 * polygon. The bounding box is checked first so a small lasso over a large cloud stays cheap.
 */
export function rowsInPolygon(screen: Float32Array, polygon: readonly Point2[]): number[] {
  if (polygon.length < 3) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const rows: number[] = [];
  for (let i = 0; i < screen.length / 2; i++) {
    const x = screen[i * 2];
    const y = screen[i * 2 + 1];
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (insidePolygon(x, y, polygon)) rows.push(i);
  }
  return rows;
}

/**
 * Thins labels: lays a grid of `cellWidth` x `cellHeight` pixels over the screen and keeps at most
 * one row per cell, in the order of `candidates` (so earlier candidates win), up to `max` rows.
 * Rows off screen (NaN or outside width x height) are skipped.
 */
export function thinLabels(
  screen: Float32Array, candidates: Iterable<number>, width: number, height: number,
  cellWidth: number, cellHeight: number, max: number,
): number[] {
  const columns = Math.max(1, Math.ceil(width / cellWidth));
  const taken = new Set<number>();
  const kept: number[] = [];
  for (const row of candidates) {
    const x = screen[row * 2];
    const y = screen[row * 2 + 1];
    if (!(x >= 0 && x < width && y >= 0 && y < height)) continue;
    const cell = Math.floor(y / cellHeight) * columns + Math.floor(x / cellWidth);
    if (taken.has(cell)) continue;
    taken.add(cell);
    kept.push(row);
    if (kept.length >= max) break;
  }
  return kept;
}
