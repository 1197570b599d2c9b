import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { layoutCsv, layoutNpy, selectionTsv } from './export';

const metadata: Metadata = {
  rows: 3,
  columns: [
    { name: 'word', kind: 'text', values: ['a,b', 'say "hi"', 'tab\there'] },
    { name: 'count', kind: 'number', values: [1, null, 2.5] },
  ],
};

describe('layoutCsv', () => {
  it('writes the rows of an isolated layout with their dataset index and quoted metadata', () => {
    const csv = layoutCsv(new Float32Array([0.5, 1, -2, 3]), 2, [2, 0], metadata);
    expect(csv.split('\n')).toEqual(['index,x,y,word,count', '2,0.5,1,tab\there,2.5', '0,-2,3,"a,b",1', '']);
  });

  it('names extra PCA columns', () => {
    const csv = layoutCsv(new Float32Array(4), 4, [1], null);
    expect(csv.split('\n')[0]).toBe('index,x,y,z,c4');
  });
});

describe('layoutNpy', () => {
  it('writes a version 1.0 header aligned to 64 bytes and little-endian float32 data', () => {
    const bytes = layoutNpy(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2);
    expect(Array.from(bytes.slice(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.slice(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\), \} *\n$/);
    const data = new DataView(bytes.buffer, 10 + headerLength);
    expect(data.byteLength).toBe(24);
    expect(data.getFloat32(20, true)).toBe(6);
  });

  it('refuses a shape that does not match', () => {
    expect(() => layoutNpy(new Float32Array(5), 3, 2)).toThrow();
  });
});

describe('selectionTsv', () => {
  it('lists the chosen rows with a header and no stray tabs', () => {
    const tsv = selectionTsv(metadata, [2, 1]);
    expect(tsv).toBe('index\tword\tcount\n2\ttab here\t2.5\n1\tsay "hi"\t\n');
  });
});
