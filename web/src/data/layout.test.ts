import { describe, expect, it } from 'vitest';
import { Layout, defaultAxes, placeOnLayout } from './layout';

describe('Layout', () => {
  it('centres and scales to the unit ball, keeping shape', () => {
    const layout = new Layout(3);
    layout.write(new Float32Array([10, 10, 12, 10, 10, 14]), 2, [0, 1, null]);
    const p = Array.from(layout.positions);
    // centre (10.667, 11.333); farthest point is the third at distance sqrt(0.444+7.111)
    const far = Math.hypot(p[6], p[7], p[8]);
    expect(far).toBeCloseTo(1, 5);
    expect(p[0] + p[3] + p[6]).toBeCloseTo(0, 5);
    expect(p[2]).toBe(0);
    expect((p[3] - p[0]) / (p[7] - p[1])).toBeCloseTo(2 / 4, 5);
  });

  it('writes in place and bumps the version', () => {
    const layout = new Layout(2);
    const buffer = layout.positions;
    layout.write(new Float32Array([0, 0, 1, 1]), 2, [0, 1, null]);
    layout.write(new Float32Array([0, 0, 2, 0]), 2, [0, 1, null]);
    expect(layout.positions).toBe(buffer);
    expect(layout.version).toBe(2);
    expect(Array.from(buffer)).toEqual([-1, 0, 0, 1, 0, 0]);
  });

  it('picks the chosen columns of a wide layout, z included', () => {
    const layout = new Layout(2);
    layout.write(new Float32Array([1, 5, 0, 9, -1, 7, 0, 3]), 4, [3, 1, 0]);
    expect(layout.positions[0]).toBeGreaterThan(layout.positions[3]);
    expect(layout.positions[2]).toBeGreaterThan(layout.positions[5]);
    layout.reaxis([0, 1, null]);
    expect(layout.positions[2]).toBe(0);
  });

  it('rejects a layout of the wrong size and a missing column', () => {
    const layout = new Layout(2);
    expect(() => layout.write(new Float32Array(6), 2, [0, 1, null])).toThrow(/does not fit/);
    expect(() => layout.write(new Float32Array(4), 2, [0, 2, null])).toThrow(/column 3/);
  });

  it('survives non-finite values and a single point', () => {
    const layout = new Layout(2);
    layout.write(new Float32Array([Number.NaN, 0, 3, 4]), 2, [0, 1, null]);
    expect(Array.from(layout.positions).every(Number.isFinite)).toBe(true);
    const one = new Layout(1);
    one.write(new Float32Array([5, 5]), 2, [0, 1, null]);
    expect(Array.from(one.positions)).toEqual([0, 0, 0]);
  });
});

describe('defaultAxes', () => {
  it('uses z only in 3-D with a third column', () => {
    expect(defaultAxes(10, 2)).toEqual([0, 1, null]);
    expect(defaultAxes(10, 3)).toEqual([0, 1, 2]);
    expect(defaultAxes(2, 3)).toEqual([0, 1, null]);
    expect(defaultAxes(1, 2)).toEqual([0, 0, null]);
  });
});

describe('placeOnLayout', () => {
  it('draws placed rows with the centre and scale of the layout, so a copy of a point lands on it', () => {
    const layout = new Layout(3);
    const raw = new Float32Array([0, 0, 10, 0, 0, 20]);
    layout.write(raw, 2, [0, 1, null]);
    const placed = placeOnLayout(layout, new Float32Array([10, 0, 5, 10]), 2)!;
    expect(Array.from(placed.slice(0, 3))).toEqual(Array.from(layout.positions.slice(3, 6)));
    expect(placed[3]).toBeCloseTo(layout.positions[3] - (10 - 5) * (layout.positions[3] - layout.positions[0]) / 10, 5);
  });

  it('draws nothing for rows of another width than the layout', () => {
    const layout = new Layout(2);
    layout.write(new Float32Array([0, 0, 1, 1]), 2, [0, 1, null]);
    expect(placeOnLayout(layout, new Float32Array([1, 2, 3]), 3)).toBeNull();
  });
});
