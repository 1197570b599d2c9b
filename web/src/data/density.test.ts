import { describe, expect, it } from 'vitest';
import { blur, densityGrid, densityImage } from './density';

/** x, y, z per point, as the layout holds them. */
function points(...xy: [number, number][]): Float32Array {
  const out = new Float32Array(xy.length * 3);
  xy.forEach(([x, y], i) => {
    out[i * 3] = x;
    out[i * 3 + 1] = y;
  });
  return out;
}

function cellOf(grid: ReturnType<typeof densityGrid>, x: number, y: number): [number, number] {
  const [x0, y0, x1] = grid.bounds;
  const cell = (x1 - x0) / (grid.size - 1);
  return [Math.round((x - x0) / cell), Math.round((y - y0) / cell)];
}

describe('densityGrid', () => {
  it('integrates to one, and one point gives a Gaussian of the bandwidth around it', () => {
    const grid = densityGrid(points([0.25, -0.5]), 3, null, { size: 129, bandwidth: 0.1 });
    const [x0, , x1] = grid.bounds;
    const cell = (x1 - x0) / (grid.size - 1);
    let sum = 0;
    for (const v of grid.values) sum += v * cell * cell;
    expect(sum).toBeCloseTo(1, 3);
    const [i, j] = cellOf(grid, 0.25, -0.5);
    let best = 0;
    for (let k = 1; k < grid.values.length; k++) if (grid.values[k] > grid.values[best]) best = k;
    expect(best % grid.size).toBe(i);
    expect(Math.floor(best / grid.size)).toBe(j);
    // The peak of a 2-D Gaussian of standard deviation h is 1 / (2 pi h^2); three box blurs of the
    // same spread (this bandwidth is 21 cells wide) peak about 12 % lower.
    const ratio = grid.max / (1 / (2 * Math.PI * 0.01));
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.01);
    // One bandwidth away, exp(-1/2) of the peak.
    const oneAway = Math.round(0.1 / cell);
    expect(Math.abs(grid.values[j * grid.size + i + oneAway] / grid.max - Math.exp(-0.5))).toBeLessThan(0.1);
    // A bandwidth of a few cells gets the exact Gaussian kernel: each of two far points holds half the mass.
    const exact = densityGrid(points([0, 0], [1, 1]), 3, null, { size: 129, bandwidth: 0.02 });
    expect(exact.max / (0.5 / (2 * Math.PI * 0.0004))).toBeCloseTo(1, 1);
  });

  it('is highest where the points crowd, and symmetric for symmetric points', () => {
    const grid = densityGrid(points([-1, 0], [1, 0], [-1, 0.02], [1, 0.02], [0, 3]), 3, null, { size: 201, bandwidth: 0.2 });
    const at = (x: number, y: number) => {
      const [i, j] = cellOf(grid, x, y);
      return grid.values[j * grid.size + i];
    };
    expect(at(-1, 0.01)).toBeGreaterThan(at(0, 3));
    expect(at(-1, 0.01)).toBeCloseTo(at(1, 0.01), 3);
    expect(at(0, 1.5)).toBeLessThan(at(0, 3) / 10);
  });

  it('counts only the points the mask keeps', () => {
    const all = points([-1, 0], [1, 0], [5, 5]);
    const masked = densityGrid(all, 3, Uint8Array.from([1, 1, 0]), { size: 65 });
    expect(masked.points).toBe(2);
    expect(masked.bounds[2]).toBeLessThan(5);
    const none = densityGrid(all, 3, new Uint8Array(3));
    expect(none.points).toBe(0);
    expect(none.max).toBe(0);
  });

  it('chooses a smaller bandwidth for more points of the same spread (Scott)', () => {
    const grid = (n: number) => {
      const xy: [number, number][] = [];
      for (let i = 0; i < n; i++) xy.push([Math.cos(i * 2.399) * Math.sqrt(i / n), Math.sin(i * 2.399) * Math.sqrt(i / n)]);
      return densityGrid(points(...xy), 3, null, { size: 1024 });
    };
    expect(grid(10_000).bandwidth).toBeLessThan(grid(100).bandwidth);
  });
});

describe('blur', () => {
  it('keeps the total and spreads a spike symmetrically', () => {
    const size = 21;
    const values = new Float32Array(size * size);
    values[10 * size + 10] = 1;
    blur(values, size, 2);
    const total = values.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 5);
    expect(values[10 * size + 12]).toBeCloseTo(values[10 * size + 8], 6);
    expect(values[12 * size + 10]).toBeCloseTo(values[10 * size + 12], 6);
  });
});

describe('densityImage', () => {
  it('is transparent where there are no points and opaque-ish where they crowd, with contour lines', () => {
    const grid = densityGrid(points([0, 0], [0.01, 0]), 3, null, { size: 64, bandwidth: 0.3 });
    const pixels = densityImage(grid, [10, 20, 30]);
    expect(pixels.length).toBe(64 * 64 * 4);
    expect(pixels[3]).toBe(0);
    const alphas = new Set<number>();
    for (let k = 3; k < pixels.length; k += 4) alphas.add(pixels[k]);
    expect(alphas.has(200)).toBe(true);
    expect(Math.max(...[...alphas].filter((a) => a !== 200))).toBeGreaterThan(90);
  });
});
