import { describe, expect, it } from 'vitest';
import { PALETTE_SIZE, categoricalColor, deltaE, gradientColor, rgbToLab } from './palette';

describe('categoricalColor', () => {
  it('gives 40 colours that are all clearly different from each other', () => {
    const labs = Array.from({ length: 40 }, (_, i) => rgbToLab(categoricalColor(i)));
    let min = Infinity;
    for (let i = 0; i < labs.length; i++) for (let j = i + 1; j < labs.length; j++) min = Math.min(min, deltaE(labs[i], labs[j]));
    expect(min).toBeGreaterThan(15);
  });

  it('is stable and repeats only after the palette size', () => {
    expect(categoricalColor(3)).toEqual(categoricalColor(3));
    expect(categoricalColor(PALETTE_SIZE + 2)).toEqual(categoricalColor(2));
    expect(categoricalColor(-1)).toEqual(categoricalColor(PALETTE_SIZE - 1));
  });

  it('keeps every colour light enough to read on a dark background', () => {
    for (let i = 0; i < PALETTE_SIZE; i++) expect(rgbToLab(categoricalColor(i))[0]).toBeGreaterThan(40);
  });
});

describe('gradientColor', () => {
  it('runs from dark purple to yellow and clamps', () => {
    expect(gradientColor(0)).toEqual([68, 1, 84]);
    expect(gradientColor(1)).toEqual([253, 231, 37]);
    expect(gradientColor(-5)).toEqual(gradientColor(0));
    expect(gradientColor(7)).toEqual(gradientColor(1));
  });

  it('gets lighter as the value grows', () => {
    let last = -1;
    for (let t = 0; t <= 1; t += 0.05) {
      const l = rgbToLab(gradientColor(t))[0];
      expect(l).toBeGreaterThan(last);
      last = l;
    }
  });

  it('shows a missing value as grey', () => {
    const [r, g, b] = gradientColor(Number.NaN);
    expect(r).toBe(g);
    expect(Math.abs(g - b)).toBeLessThan(20);
  });
});

describe('rgbToLab', () => {
  it('matches known values', () => {
    const white = rgbToLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 0);
    expect(Math.abs(white[1])).toBeLessThan(0.5);
    const red = rgbToLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.2, 0);
    expect(red[1]).toBeCloseTo(80.1, 0);
  });
});
