import { describe, expect, it } from 'vitest';
import { colourableColumns, tileColors } from './tile-colors';
import { categoricalColor, DEFAULT_COLOR, gradientColor, MISSING_COLOR } from './palette';

describe('tileColors', () => {
  it('colours categories by their code in the shared dictionary, missing values grey', () => {
    const out = tileColors(3, { name: 'k', type: 'dictionary', values: ['a', 'b'] }, { type: 'dictionary', codes: new Int32Array([1, -1, 0]) });
    expect(Array.from(out.slice(0, 3))).toEqual(categoricalColor(1));
    expect(Array.from(out.slice(4, 7))).toEqual(MISSING_COLOR);
    expect(Array.from(out.slice(8, 11))).toEqual(categoricalColor(0));
  });

  it('puts numbers on the gradient between the set-wide min and max', () => {
    const out = tileColors(2, { name: 's', type: 'float64', min: 0, max: 10 }, { type: 'float64', values: new Float64Array([10, 5]) });
    expect(Array.from(out.slice(0, 3))).toEqual(gradientColor(1));
    expect(Array.from(out.slice(4, 7))).toEqual(gradientColor(0.5));
    expect(Array.from(tileColors(1, null, undefined).slice(0, 3))).toEqual(DEFAULT_COLOR);
  });

  it('offers dictionary and number columns only', () => {
    expect(colourableColumns([{ name: 'x', type: 'float32' }, { name: 'k', type: 'dictionary', values: [] }, { name: 't', type: 'utf8' }, { name: 's', type: 'float64' }]).map((c) => c.name)).toEqual(['k', 's']);
  });
});
