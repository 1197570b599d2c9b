import { describe, expect, it } from 'vitest';
import { RING_FLOATS } from './gl-points';
import { ringsOf } from './moving-rings';

describe('ringsOf', () => {
  const positions = new Float32Array([0, 0, 0, 1, 2, 3, 4, 5, 6]);

  it('packs a row ring with its position, colours in 0–1, radius and width', () => {
    const out = ringsOf([{ row: 1, line: [255, 0, 51, 255], radius: 7, width: 2 }], positions, 3);
    expect(out.length).toBe(RING_FLOATS);
    expect([...out.slice(0, 3)]).toEqual([1, 2, 3]);
    expect(out[3]).toBe(1);
    expect(out[5]).toBeCloseTo(0.2);
    expect([...out.slice(7, 11)]).toEqual([0, 0, 0, 0]);
    expect([out[11], out[12]]).toEqual([7, 2]);
  });

  it('takes a position of its own and a fill', () => {
    const out = ringsOf([{ at: [9, 8, 7], line: [0, 0, 0, 255], fill: [255, 255, 255, 90], radius: 3, width: 1 }], positions, 3);
    expect([...out.slice(0, 3)]).toEqual([9, 8, 7]);
    expect(out[10]).toBeCloseTo(90 / 255);
  });

  it('skips rows beyond the points drawn', () => {
    const out = ringsOf([
      { row: 2, line: [1, 1, 1, 1], radius: 1, width: 1 },
      { row: 3, line: [1, 1, 1, 1], radius: 1, width: 1 },
      { row: -1, line: [1, 1, 1, 1], radius: 1, width: 1 },
    ], positions, 3);
    expect(out.length).toBe(RING_FLOATS);
    expect([...out.slice(0, 3)]).toEqual([4, 5, 6]);
  });
});
