import { describe, expect, it } from 'vitest';
import type { MetadataColumn } from '../api/contract';
import { MAX_CATEGORIES, encodeColors, formatNumber, legendOfRows, naturalCompare } from './coloring';
import { DEFAULT_COLOR, MISSING_COLOR, OTHER_COLOR, categoricalColor, gradientColor } from './palette';

const rgbAt = (rgb: Uint8Array, i: number) => [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];

describe('encodeColors', () => {
  it('gives one default colour without a column', () => {
    const { legend, rgb } = encodeColors(null, 3);
    expect(legend.kind).toBe('none');
    expect(rgbAt(rgb, 2)).toEqual(DEFAULT_COLOR);
  });

  it('colours text categories in natural order with counts and a grey for missing', () => {
    const column: MetadataColumn = { name: 'digit', kind: 'text', values: ['10', '2', '2', '', '10', '1'] };
    const { legend, rgb } = encodeColors(column, 6);
    if (legend.kind !== 'categorical') throw new Error(legend.kind);
    expect(legend.entries.map((e) => [e.label, e.count])).toEqual([['1', 1], ['2', 2], ['10', 2]]);
    expect(legend.missing).toBe(1);
    expect(rgbAt(rgb, 1)).toEqual(categoricalColor(1));
    expect(rgbAt(rgb, 0)).toEqual(categoricalColor(2));
    expect(rgbAt(rgb, 3)).toEqual(MISSING_COLOR);
  });

  it('treats a number column with few values as categories', () => {
    const column: MetadataColumn = { name: 'label', kind: 'number', values: [0, 1, 2, 1, null] };
    const { legend } = encodeColors(column, 5);
    expect(legend.kind).toBe('categorical');
  });

  it('shows a number column with many values as a gradient from min to max', () => {
    const values = Array.from({ length: 100 }, (_, i) => i * 2 - 50);
    values[7] = null as unknown as number;
    const { legend, rgb } = encodeColors({ name: 'year', kind: 'number', values }, 100);
    if (legend.kind !== 'gradient') throw new Error(legend.kind);
    expect(legend.min).toBe(-50);
    expect(legend.max).toBe(148);
    expect(legend.missing).toBe(1);
    expect(rgbAt(rgb, 0)).toEqual(gradientColor(0));
    expect(rgbAt(rgb, 99)).toEqual(gradientColor(1));
    expect(rgbAt(rgb, 7)).toEqual(MISSING_COLOR);
  });

  it('keeps the most frequent categories and groups the rest as other', () => {
    const values: string[] = [];
    for (let c = 0; c < MAX_CATEGORIES + 10; c++) for (let r = 0; r <= (c < MAX_CATEGORIES ? 3 : 0); r++) values.push(`w${c}`);
    const { legend, rgb } = encodeColors({ name: 'word', kind: 'text', values }, values.length);
    if (legend.kind !== 'categorical') throw new Error(legend.kind);
    expect(legend.entries).toHaveLength(MAX_CATEGORIES);
    expect(legend.other).toBe(10);
    expect(rgbAt(rgb, values.length - 1)).toEqual(OTHER_COLOR);
  });
});

describe('naturalCompare and formatNumber', () => {
  it('sorts numbers inside text by value', () => {
    expect(['b10', 'b2', 'a'].sort(naturalCompare)).toEqual(['a', 'b2', 'b10']);
  });

  it('prints numbers short', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1234567.5)).toBe('1.235e+6');
  });
});

describe('legendOfRows', () => {
  it('counts only the rows shown (an isolated layout) and lists only their categories', () => {
    const column = { name: 'label', kind: 'text' as const, values: ['a', 'b', 'a', 'c', null] };
    const { legend } = encodeColors(column, 5);
    const shown = legendOfRows(legend, column, Int32Array.from([0, 2, 4]));
    expect(shown.kind).toBe('categorical');
    if (shown.kind !== 'categorical') return;
    expect(shown.entries.map((e) => [e.label, e.count])).toEqual([['a', 2]]);
    expect(shown.missing).toBe(1);
    expect(legendOfRows(legend, column, null)).toBe(legend);
  });
});
