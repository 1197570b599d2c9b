import { describe, expect, it } from 'vitest';
import { insidePolygon, rowsInPolygon, thinLabels, type Point2 } from './geometry';

const square: Point2[] = [[0, 0], [10, 0], [10, 10], [0, 10]];

describe('lasso', () => {
  it('tests points against a polygon', () => {
    expect(insidePolygon(5, 5, square)).toBe(true);
    expect(insidePolygon(15, 5, square)).toBe(false);
    const vee: Point2[] = [[0, 0], [5, 5], [10, 0], [10, 10], [0, 10]];
    expect(insidePolygon(5, 2, vee)).toBe(false);
    expect(insidePolygon(5, 8, vee)).toBe(true);
  });

  it('returns the rows inside and skips off-screen rows', () => {
    const screen = new Float32Array([1, 1, 20, 20, 9, 9, Number.NaN, Number.NaN]);
    expect(rowsInPolygon(screen, square)).toEqual([0, 2]);
    expect(rowsInPolygon(screen, square.slice(0, 2))).toEqual([]);
  });
});

describe('thinLabels', () => {
  it('keeps one label per cell, earlier candidates first, within the screen and the cap', () => {
    const screen = new Float32Array([5, 5, 6, 6, 50, 5, -3, 5, 5, 30, 90, 90]);
    expect(thinLabels(screen, [1, 0, 2, 3, 4, 5], 100, 100, 40, 20, 10)).toEqual([1, 2, 4, 5]);
    expect(thinLabels(screen, [0, 1, 2, 3, 4, 5], 100, 100, 40, 20, 2)).toEqual([0, 2]);
  });
});
