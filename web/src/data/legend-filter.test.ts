import { describe, expect, it } from 'vitest';
import type { MetadataColumn } from '../api/contract';
import { encodeColors } from './coloring';
import { crossFilter, encodeColumn, profileOf, type Filter } from './filters';
import { legendView } from './legend-filter';

const label: MetadataColumn = { name: 'label', kind: 'text', values: ['a', 'b', 'a', 'c', null, 'b', 'a'] };
const other: MetadataColumn = { name: 'half', kind: 'text', values: ['x', 'x', 'x', 'y', 'y', 'y', 'y'] };
const N = 7;

function view(filters: Filter[]) {
  const columns = [encodeColumn(label, N), encodeColumn(other, N)];
  const result = crossFilter(columns, filters, N, null);
  const legend = encodeColors(label, N).legend;
  return legendView(legend, columns.map(profileOf), { result, totals: result.columns, ms: 0 }, filters);
}

describe('legendView', () => {
  it('counts each entry under the other columns\' filters and lists what the colour column hides', () => {
    const v = view([{ column: 'half', kind: 'values', mode: 'in', values: ['y'] }, { column: 'label', kind: 'values', mode: 'out', values: ['a'] }]);
    expect(v.toggles).toBe(true);
    expect(v.hidden).toEqual(['a']);
    if (v.legend.kind !== 'categorical') throw new Error('categorical expected');
    // Rows 3..6 are y: c, missing, b, a; 'a' is still counted (what showing it would add).
    expect(v.legend.entries.map((e) => [e.label, e.count])).toEqual([['a', 1], ['b', 1], ['c', 1]]);
    expect(v.legend.missing).toBe(1);
    expect(v.legend.other).toBe(0);
  });

  it('does not toggle a gradient or a colour column it cannot filter as categories', () => {
    const numbers: MetadataColumn = { name: 'n', kind: 'number', values: Array.from({ length: 30 }, (_, i) => i) };
    const legend = encodeColors(numbers, 30).legend;
    expect(legendView(legend, [profileOf(encodeColumn(numbers, 30))], null, []).toggles).toBe(false);
  });
});
