import { describe, expect, it } from 'vitest';
import type { MetadataColumn } from '../api/contract';
import {
  HISTOGRAM_BINS, MISSING, binOf, crossFilter, decodeFilter, encodeColumn, encodeFilter, keeps, inRange, normalizeFilters,
  othersOnly, picked, roundedRange, soloed, toggled, withFilter, type Filter, type FilterColumn,
} from './filters';

// 12 rows: a category with a missing cell, and numbers.
const label: MetadataColumn = { name: 'label', kind: 'text', values: ['a', 'b', 'a', 'c', 'a', 'b', null, 'a', 'c', 'b', 'a', 'a'] };
const N = 12;
const extra: MetadataColumn = { name: 'extra', kind: 'number', values: Array.from({ length: N }, (_, i) => i * 3) };

/** The same counts, row by row, straight from the definition. */
function naive(cols: FilterColumn[], filters: Filter[], universe: number[] | null) {
  const rows = universe ?? Array.from({ length: N }, (_, i) => i);
  const passes = (r: number, skip: number) => cols.every((c, j) => {
    if (j === skip) return true;
    const f = filters.find((x) => x.column === c.name);
    return c.kind === 'category' ? keeps(f, c.labels[c.codes[r]]) : inRange(f, c.values[r]);
  });
  const count = rows.filter((r) => passes(r, -1)).length;
  const per = cols.map((c, j) => {
    const counts = new Array(c.kind === 'category' ? c.labels.length : c.bins).fill(0);
    let missing = 0;
    for (const r of rows) {
      if (!passes(r, j)) continue;
      if (c.kind === 'category') counts[c.codes[r]]++;
      else {
        const b = binOf(c.values[r], c.min, c.max, c.bins);
        if (b < 0) missing++;
        else counts[b]++;
      }
    }
    return { counts, missing: c.kind === 'category' ? counts[0] : missing };
  });
  return { count, per };
}

describe('encodeColumn', () => {
  it('codes categories by falling count, 0 for missing', () => {
    const c = encodeColumn(label, N);
    expect(c.kind).toBe('category');
    if (c.kind !== 'category') return;
    expect(c.labels).toEqual([MISSING, 'a', 'b', 'c']);
    expect([...c.codes]).toEqual([1, 2, 1, 3, 1, 2, 0, 1, 3, 2, 1, 1]);
  });

  it('reads numbers with many distinct values as a histogram, few as categories', () => {
    const many = encodeColumn(extra, N);
    expect(many.kind).toBe('category'); // 12 distinct values: categories, like the colouring
    const wide: MetadataColumn = { name: 'w', kind: 'number', values: Array.from({ length: 30 }, (_, i) => (i === 5 ? null : i / 2)) };
    const c = encodeColumn(wide, 30);
    expect(c.kind).toBe('number');
    if (c.kind !== 'number') return;
    expect([c.min, c.max, c.bins]).toEqual([0, 14.5, HISTOGRAM_BINS]);
    expect(Number.isNaN(c.values[5])).toBe(true);
  });

  it('puts the maximum in the last bin and NaN in none', () => {
    expect(binOf(10, 0, 10, 4)).toBe(3);
    expect(binOf(0, 0, 10, 4)).toBe(0);
    expect(binOf(2.5, 0, 10, 4)).toBe(1);
    expect(binOf(Number.NaN, 0, 10, 4)).toBe(-1);
    expect(binOf(3, 3, 3, 4)).toBe(0);
  });
});

describe('crossFilter', () => {
  const wide: MetadataColumn = { name: 'w', kind: 'number', values: Array.from({ length: N }, (_, i) => (i === 9 ? null : i * 1.5)) };
  const cols = (): FilterColumn[] => {
    const w = encodeColumn({ ...wide, values: [...wide.values] }, N);
    // 11 distinct numbers are categories; force the histogram reading for this test.
    const values = Float64Array.from(wide.values.map((v) => (v === null ? Number.NaN : v)));
    return [encodeColumn(label, N), w.kind === 'number' ? w : { name: 'w', kind: 'number', values, min: 0, max: 16.5, bins: 4 }];
  };

  it('with no filter has no mask and counts everything', () => {
    const result = crossFilter(cols(), [], N, null);
    expect(result.mask).toBeNull();
    expect(result.count).toBe(N);
    expect(result.total).toBe(N);
    expect([...result.columns[0].counts]).toEqual([1, 6, 3, 2]);
    expect(result.columns[1].missing).toBe(1);
  });

  it('ANDs filters across columns and counts each column under the others only', () => {
    const c = cols();
    const filters: Filter[] = [
      { column: 'label', kind: 'values', mode: 'in', values: ['a', 'c'] },
      { column: 'w', kind: 'range', min: 3, max: 12 },
    ];
    const result = crossFilter(c, filters, N, null);
    // Rows 2..8 have w in [3, 12]; of them a or c: 2, 3, 4, 7, 8.
    expect([...result.mask!].flatMap((m, i) => (m ? [i] : []))).toEqual([2, 3, 4, 7, 8]);
    expect(result.count).toBe(5);
    const expected = naive(c, filters, null);
    expect(result.count).toBe(expected.count);
    result.columns.forEach((col, j) => {
      expect([...col.counts]).toEqual(expected.per[j].counts);
      expect(col.missing).toBe(expected.per[j].missing);
    });
    // The label panel counts under the range only: b keeps its rows in range (row 5).
    expect(result.columns[0].counts[2]).toBe(1);
  });

  it('hides values with "out", keeps missing cells unless named, and fails missing numbers on a range', () => {
    const c = cols();
    const out = crossFilter(c, [{ column: 'label', kind: 'values', mode: 'out', values: ['a'] }], N, null);
    expect(out.count).toBe(6);
    const missing = crossFilter(c, [{ column: 'label', kind: 'values', mode: 'out', values: [MISSING] }], N, null);
    expect(missing.count).toBe(11);
    const range = crossFilter(c, [{ column: 'w', kind: 'range', min: -100, max: 100 }], N, null);
    expect(range.count).toBe(11);
  });

  it('counts only the rows of an isolated layout', () => {
    const c = cols();
    const filters: Filter[] = [{ column: 'label', kind: 'values', mode: 'in', values: ['a'] }];
    const result = crossFilter(c, filters, N, [0, 1, 2, 3]);
    expect(result.total).toBe(4);
    expect(result.count).toBe(2);
    expect([...result.mask!].flatMap((m, i) => (m ? [i] : []))).toEqual([0, 2]);
    const expected = naive(c, filters, [0, 1, 2, 3]);
    result.columns.forEach((col, j) => expect([...col.counts]).toEqual(expected.per[j].counts));
  });

  it('ignores filters on unknown columns or of the wrong kind', () => {
    const result = crossFilter(cols(), [{ column: 'nope', kind: 'range', min: 0, max: 1 }, { column: 'label', kind: 'range', min: 0, max: 1 }], N, null);
    expect(result.mask).toBeNull();
    expect(result.count).toBe(N);
  });

  it('agrees with the definition on random data and filters', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const n = 500;
    const cat: MetadataColumn = { name: 'cat', kind: 'text', values: Array.from({ length: n }, () => (random() < 0.05 ? null : `v${Math.floor(random() * 7)}`)) };
    const num: MetadataColumn = { name: 'num', kind: 'number', values: Array.from({ length: n }, () => (random() < 0.05 ? null : random() * 100)) };
    const num2: MetadataColumn = { name: 'num2', kind: 'number', values: Array.from({ length: n }, () => Math.round(random() * 1000)) };
    const c = [encodeColumn(cat, n), encodeColumn(num, n), encodeColumn(num2, n)];
    for (let t = 0; t < 20; t++) {
      const filters: Filter[] = [];
      if (random() < 0.7) filters.push({ column: 'cat', kind: 'values', mode: random() < 0.5 ? 'in' : 'out', values: ['v1', 'v3', MISSING].filter(() => random() < 0.6) });
      if (random() < 0.7) {
        const a = random() * 100;
        filters.push({ column: 'num', kind: 'range', min: a, max: a + random() * 50 });
      }
      if (random() < 0.5) filters.push({ column: 'num2', kind: 'range', min: 100, max: 700 });
      const got = crossFilter(c, filters, n, null);
      const want = (() => {
        const rows = Array.from({ length: n }, (_, i) => i);
        const pass = (r: number, skip: number) => c.every((col, j) => j === skip || (col.kind === 'category' ? keeps(filters.find((f) => f.column === col.name), col.labels[col.codes[r]]) : inRange(filters.find((f) => f.column === col.name), col.values[r])));
        return { count: rows.filter((r) => pass(r, -1)).length, cat: c[0].kind === 'category' ? c[0].labels.map((_, code) => rows.filter((r) => pass(r, 0) && (c[0] as { codes: Uint32Array }).codes[r] === code).length) : [] };
      })();
      expect(got.count).toBe(want.count);
      expect([...got.columns[0].counts]).toEqual(want.cat);
    }
  });
});

describe('legend and bar clicks', () => {
  it('toggle hides then shows a value, and the filter goes when nothing is hidden', () => {
    const hidden = toggled(undefined, 'label', '3');
    expect(hidden).toEqual({ column: 'label', kind: 'values', mode: 'out', values: ['3'] });
    expect(toggled(hidden!, 'label', '3')).toBeNull();
    const shown: Filter = { column: 'label', kind: 'values', mode: 'in', values: ['1', '2'] };
    expect(toggled(shown, 'label', '2')).toEqual({ ...shown, values: ['1'] });
    expect(toggled(shown, 'label', '5')).toEqual({ ...shown, values: ['1', '2', '5'] });
  });

  it('"other" keeps only the values not listed by name, never the missing, and again shows all', () => {
    const others = othersOnly(undefined, 'label', ['a', 'b']);
    expect(others).toEqual({ column: 'label', kind: 'values', mode: 'out', values: ['a', 'b', MISSING] });
    const kept = label.values.filter((v) => keeps(others!, v === null ? MISSING : String(v)));
    expect(kept).toEqual(['c', 'c']);
    expect(othersOnly(others!, 'label', ['b', 'a'])).toBeNull();
    expect(othersOnly({ column: 'label', kind: 'values', mode: 'in', values: ['a'] }, 'label', ['a', 'b'])).toEqual(others);
  });

  it('solo shows only one value, and again shows all', () => {
    const solo = soloed(undefined, 'label', '7');
    expect(solo).toEqual({ column: 'label', kind: 'values', mode: 'in', values: ['7'] });
    expect(soloed(solo!, 'label', '7')).toBeNull();
    expect(soloed(solo!, 'label', '8')).toEqual({ ...solo, values: ['8'] });
  });

  it('a bar click picks one value; with add, values join', () => {
    const one = picked(undefined, 'c', 'x', false)!;
    expect(picked(one, 'c', 'y', true)).toEqual({ column: 'c', kind: 'values', mode: 'in', values: ['x', 'y'] });
    expect(picked(undefined, 'c', 'y', true)).toEqual({ column: 'c', kind: 'values', mode: 'in', values: ['y'] });
  });

  it('replaces one column\'s filter and keeps the others', () => {
    const a: Filter = { column: 'a', kind: 'range', min: 0, max: 1 };
    const b: Filter = { column: 'b', kind: 'values', mode: 'in', values: ['x'] };
    expect(withFilter([a, b], 'a', null)).toEqual([b]);
    expect(withFilter([a], 'b', b)).toEqual([a, b]);
  });

  it('rounds a brushed range to three digits of the span, within the column', () => {
    expect(roundedRange(12.3456, 3.21, 0, 100)).toEqual([3, 12]);
    expect(roundedRange(0.12345, 0.3, 0, 1)).toEqual([0.12, 0.3]);
    expect(roundedRange(-5, 200, 0, 100)).toEqual([0, 100]);
  });
});

describe('filters in links', () => {
  it('round-trip, with separators inside names and values', () => {
    const filters: Filter[] = [
      { column: 'a,b', kind: 'values', mode: 'out', values: ['x,y', MISSING, '100%'] },
      { column: 'score', kind: 'range', min: -1.5, max: 1e-7 },
    ];
    for (const f of filters) expect(decodeFilter(encodeFilter(f))).toEqual(f);
  });

  it('drop malformed filters', () => {
    expect(decodeFilter('score,range,5,1')).toBeNull();
    expect(decodeFilter('score,range,x,1')).toBeNull();
    expect(decodeFilter('label,maybe,1')).toBeNull();
    expect(decodeFilter('%E0%A4%A,in,1')).toBeNull();
    expect(decodeFilter(',in,1')).toBeNull();
    expect(normalizeFilters([{ column: 'a', kind: 'range', min: 0, max: 1 }, 'junk', { column: 'a', kind: 'range', min: 2, max: 3 }])).toEqual([{ column: 'a', kind: 'range', min: 2, max: 3 }]);
    expect(normalizeFilters(undefined)).toEqual([]);
  });
});
