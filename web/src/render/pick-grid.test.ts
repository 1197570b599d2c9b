import { describe, expect, it } from 'vitest';
import { PickGrid, nearestProjected } from './pick-grid';

describe('PickGrid', () => {
  const screen = Float32Array.from([10, 10, 14, 10, 100, 50, Number.NaN, Number.NaN, 500, 500, 30, 10]);
  const grid = new PickGrid(screen, 200, 100, 16);

  it('finds the nearest point within the radius', () => {
    expect(grid.nearest(11, 10, 5)).toBe(0);
    expect(grid.nearest(13.5, 11, 5)).toBe(1);
    expect(grid.nearest(98, 52, 4)).toBe(2);
  });

  it('looks into neighbouring cells', () => {
    // 30,10 is in the second cell; the pointer at 33 is in the third.
    expect(grid.nearest(33, 10, 4)).toBe(5);
  });

  it('answers null when nothing is close enough, and skips hidden or off-screen points', () => {
    expect(grid.nearest(60, 60, 5)).toBeNull();
    expect(grid.nearest(500, 500, 5)).toBeNull();
  });

  it('prefers the later point (drawn on top) among equally near ones', () => {
    const g = new PickGrid(Float32Array.from([5, 5, 5, 5]), 50, 50);
    expect(g.nearest(5, 5, 3)).toBe(1);
  });
});

describe('nearestProjected', () => {
  it('answers as a PickGrid over the same projection, ties, edges and skipped rows included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 3000;
    const positions = new Float32Array(n * 3);
    for (let i = 0; i < n * 3; i++) positions[i] = Math.round((random() * 2.4 - 1.2) * 200) / 200;
    // Repeated points: ties go to the later row in both.
    positions.copyWithin(30, 0, 30);
    // A pixel projection: scale, flip y, translate, and a perspective w of 1 + z/10.
    const m = [150, 0, 0, 0.1, 0, -150, 0, 0, 0, 0, 1, 0.1, 200, 120, 0, 1];
    const screen = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [x, y, z] = [positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]];
      const w = m[3] * x + m[7] * y + m[11] * z + m[15];
      screen[i * 2] = (m[0] * x + m[4] * y + m[8] * z + m[12]) / w;
      screen[i * 2 + 1] = (m[1] * x + m[5] * y + m[9] * z + m[13]) / w;
    }
    const skip = (i: number) => i % 7 === 3;
    for (let i = 0; i < n; i++) if (skip(i)) screen[i * 2] = Number.NaN;
    const grid = new PickGrid(screen, 400, 240);
    let found = 0;
    for (let k = 0; k < 2000; k++) {
      const x = random() * 440 - 20;
      const y = random() * 280 - 20;
      const expected = grid.nearest(x, y, 6);
      expect(nearestProjected(positions, n, m, 400, 240, x, y, 6, skip)).toBe(expected);
      if (expected !== null) found++;
    }
    expect(found).toBeGreaterThan(500);
  });
});
