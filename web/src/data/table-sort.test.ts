import { describe, expect, it } from 'vitest';
import { columnRanks, indexOrder, nextSort, sortRows } from './table-sort';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('table sort', () => {
  it('sorts numbers numerically, missing last in both directions', () => {
    const values = [10, 2, null, -1, 2.5, NaN];
    const ranks = columnRanks(values, 'number');
    expect([...sortRows(all(6), ranks, false)]).toEqual([3, 1, 4, 0, 2, 5]);
    expect([...sortRows(all(6), ranks, true)]).toEqual([0, 4, 1, 3, 2, 5]);
  });

  it('sorts text in natural order, not by code points', () => {
    const values = ['c10', 'c2', '', 'B', 'a'];
    const ranks = columnRanks(values, 'text');
    expect([...sortRows(all(5), ranks, false)]).toEqual([4, 3, 1, 0, 2]);
    expect([...sortRows(all(5), ranks, true)]).toEqual([0, 1, 3, 4, 2]);
  });

  it('is stable: ties keep the order of the rows given, ascending and descending', () => {
    const values = ['x', 'y', 'x', 'y', 'x'];
    const ranks = columnRanks(values, 'text');
    expect([...sortRows(all(5), ranks, false)]).toEqual([0, 2, 4, 1, 3]);
    expect([...sortRows(all(5), ranks, true)]).toEqual([1, 3, 0, 2, 4]);
  });

  it('ties texts that differ only in case', () => {
    const ranks = columnRanks(['b', 'apple', 'Apple', 'APPLE', 'a'], 'text');
    expect(ranks.distinct).toBe(3);
    expect([...sortRows(all(5), ranks, false)]).toEqual([4, 1, 2, 3, 0]);
  });

  it('sorts a subset of the rows', () => {
    const ranks = columnRanks([5, 4, 3, 2, 1, 0], 'number');
    expect([...sortRows(Uint32Array.of(0, 2, 5), ranks, false)]).toEqual([5, 2, 0]);
  });

  it('agrees with a comparison sort on many distinct values (several radix passes)', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 20_000 }, () => Math.floor(rand() * 1e7) / 7);
    const ranks = columnRanks(values, 'number');
    expect(ranks.distinct).toBeGreaterThan(2 ** 11);
    const expected = [...all(values.length)].sort((a, b) => values[a] - values[b] || a - b);
    expect([...sortRows(all(values.length), ranks, false)]).toEqual(expected);
    const down = [...all(values.length)].sort((a, b) => values[b] - values[a] || a - b);
    expect([...sortRows(all(values.length), ranks, true)]).toEqual(down);
  });

  it('orders by index and cycles a header through ascending, descending and none', () => {
    expect([...indexOrder(Uint32Array.of(3, 1, 2), true)]).toEqual([3, 2, 1]);
    expect(nextSort(null, 'a')).toEqual({ column: 'a', descending: false });
    expect(nextSort({ column: 'a', descending: false }, 'a')).toEqual({ column: 'a', descending: true });
    expect(nextSort({ column: 'a', descending: true }, 'a')).toBeNull();
    expect(nextSort({ column: 'a', descending: true }, null)).toEqual({ column: null, descending: false });
  });
});
