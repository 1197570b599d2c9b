import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { columnOf, mergeTag, readsAsNumber } from './tag-merge';

const metadata: Metadata = {
  rows: 4,
  columns: [
    { name: 'label', kind: 'number', values: [1, 2, 3, 4] },
    { name: 'word', kind: 'text', values: ['a', 'b', '', 'd'] },
  ],
};

describe('tag merge', () => {
  it('adds a new text column, empty on the untagged rows', () => {
    const merged = mergeTag(metadata, 'reviewed', 'yes', [1, 3]);
    expect(merged.columns.map((c) => c.name)).toEqual(['label', 'word', 'reviewed']);
    expect(merged.columns[2]).toEqual({ name: 'reviewed', kind: 'text', values: ['', 'yes', '', 'yes'] });
    // The other columns are untouched objects, so nothing derived from them is recomputed.
    expect(merged.columns[0]).toBe(metadata.columns[0]);
  });

  it('makes a new column of numbers a number column with missing rows null', () => {
    const merged = mergeTag(metadata, 'score', '5', [0]);
    expect(merged.columns[2]).toEqual({ name: 'score', kind: 'number', values: [5, null, null, null] });
  });

  it('overrides an existing column; text over numbers turns it into text', () => {
    const merged = mergeTag(metadata, 'label', 'odd', [0, 2]);
    expect(merged.columns).toHaveLength(2);
    expect(merged.columns[0]).toEqual({ name: 'label', kind: 'text', values: ['odd', '2', 'odd', '4'] });
  });

  it('keeps a number column numeric and the text of values written otherwise', () => {
    const merged = mergeTag(metadata, 'label', '7.0', [1]);
    expect(merged.columns[0]).toEqual({ name: 'label', kind: 'number', values: [1, 7, 3, 4], text: ['1', '7.0', '3', '4'] });
  });

  it('ignores rows outside the dataset', () => {
    expect(mergeTag(metadata, 'x', 'y', [9, -1]).columns[2].values).toEqual(['', '', '', '']);
  });

  it('reads numbers as .NET does', () => {
    for (const t of ['1', '-2.5', '1e3', '.5', ' 3 ', 'NaN', '-Infinity']) expect(readsAsNumber(t), t).toBe(true);
    for (const t of ['yes', '1,5', '0x10', '', '1e']) expect(readsAsNumber(t), t).toBe(false);
    expect(columnOf('c', [null, null]).kind).toBe('text');
  });
});
