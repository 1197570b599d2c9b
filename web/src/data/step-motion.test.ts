import { describe, expect, it } from 'vitest';
import { displacement, ease, lerpInto } from './step-motion';

describe('displacement', () => {
  it('measures each point\'s move over the shown columns, and the earlier layout\'s spread', () => {
    // Three points, three columns; column 2 is not on screen and its changes do not count.
    const before = new Float32Array([0, 0, 9, 2, 0, 9, 1, 3, 9]);
    const after = new Float32Array([3, 4, 0, 2, 0, 5, 1, 3, 1]);
    const d = displacement(before, after, 3, [0, 1]);
    expect(Array.from(d.moved)).toEqual([5, 0, 0]);
    expect(d.mean).toBeCloseTo(5 / 3, 6);
    expect(d.max).toBe(5);
    // Centroid (1, 1): squared distances 2, 2, 4 → RMS sqrt(8 / 3).
    expect(d.spread).toBeCloseTo(Math.sqrt(8 / 3), 6);
  });

  it('leaves points without finite positions out of the figures', () => {
    const d = displacement(new Float32Array([0, 0, Number.NaN, 0, 4, 0]), new Float32Array([1, 0, 5, 5, 4, 0]), 2, [0, 1]);
    expect(d.moved[1]).toBeNaN();
    expect(d.mean).toBeCloseTo(0.5, 6);
    expect(d.max).toBe(1);
    expect(d.spread).toBeCloseTo(2, 6);
  });

  it('refuses layouts of different sizes', () => {
    expect(() => displacement(new Float32Array(4), new Float32Array(6), 2, [0, 1])).toThrow(/same points/);
  });
});

describe('ease and lerpInto', () => {
  it('eases from rest to rest through the middle, clamped outside 0..1', () => {
    expect(ease(-1)).toBe(0);
    expect(ease(0)).toBe(0);
    expect(ease(0.5)).toBeCloseTo(0.5, 9);
    expect(ease(1)).toBe(1);
    expect(ease(2)).toBe(1);
    expect(ease(0.1)).toBeLessThan(0.1);
    expect(ease(0.9)).toBeGreaterThan(0.9);
    for (let t = 0; t < 1; t += 0.05) expect(ease(t + 0.05)).toBeGreaterThanOrEqual(ease(t));
  });

  it('writes the positions between two layouts', () => {
    const out = new Float32Array(3);
    lerpInto(new Float32Array([0, 10, -2]), new Float32Array([4, 10, 2]), 0.25, out);
    expect(Array.from(out)).toEqual([1, 10, -1]);
    lerpInto(new Float32Array([0, 10, -2]), new Float32Array([4, 10, 2]), 1, out);
    expect(Array.from(out)).toEqual([4, 10, 2]);
  });
});
