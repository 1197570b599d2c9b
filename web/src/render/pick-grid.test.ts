import { describe, expect, it } from 'vitest';
import { PickGrid } from './pick-grid';

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
