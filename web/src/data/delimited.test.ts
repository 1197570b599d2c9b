import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { delimitedTable, quoteField } from './delimited';

describe('delimited text', () => {
  it('quotes fields with the separator, quotes or line breaks', () => {
    expect(quoteField('plain', ',')).toBe('plain');
    expect(quoteField('a,b', ',')).toBe('"a,b"');
    expect(quoteField('a,b', '\t')).toBe('a,b');
    expect(quoteField('a\tb', '\t')).toBe('"a\tb"');
    expect(quoteField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines', '\t')).toBe('"two\nlines"');
    expect(quoteField('cr\r', ',')).toBe('"cr\r"');
  });

  it('writes index and every column of the rows in their order, numbers as the file wrote them', () => {
    const metadata: Metadata = {
      rows: 3,
      columns: [
        { name: 'word', kind: 'text', values: ['a,b', 'q"', ''] },
        { name: 'n', kind: 'number', values: [7, null, 0.5], text: ['7.0', '', '0.5'] },
      ],
    };
    expect(delimitedTable(metadata, [2, 0], ',').join('')).toBe('index,word,n\n2,,0.5\n0,"a,b",7.0\n');
    expect(delimitedTable(metadata, [1], '\t').join('')).toBe('index\tword\tn\n1\t"q"""\t\n');
  });

  it('splits long tables into blocks of whole lines', () => {
    const metadata: Metadata = { rows: 5, columns: [{ name: 'x', kind: 'number', values: [0, 1, 2, 3, 4] }] };
    const parts = delimitedTable(metadata, [0, 1, 2, 3, 4], ',', 2);
    expect(parts).toEqual(['index,x\n', '0,0\n1,1\n', '2,2\n3,3\n', '4,4\n']);
  });
});
