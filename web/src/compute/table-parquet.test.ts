import { describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { Metadata } from '../api/contract';
import { tableParquetFile } from './table-parquet';

const metadata: Metadata = {
  rows: 6,
  columns: [
    { name: 'label', kind: 'number', values: [3, 1, 4, 1, 5, 9] },
    { name: 'score', kind: 'number', values: [0.25, null, -1.5, 1e-7, 2, 1e300] },
    { name: 'name', kind: 'text', values: ['a', 'fig, "dried"', null, 'ünïcode ✓', '', 'line\nbreak'] },
    { name: 'index', kind: 'text', values: ['x', 'y', 'z', 'x', 'y', 'z'] },
    { name: 'count', kind: 'number', values: [null, 2, -3, 2147483647, null, 0] },
  ],
};

async function roundTrip(rows: number[]) {
  const bytes = await tableParquetFile(metadata, Uint32Array.from(rows), false);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { buffer, rows: await parquetReadObjects({ file: buffer }) };
}

describe('the table as Parquet', () => {
  it('holds the rows in the order given, every column, numbers as numbers and missing (or empty) cells as nulls', async () => {
    const { rows } = await roundTrip([4, 1, 5, 0]);
    expect(rows).toEqual([
      { index_: 4, label: 5, score: 2, name: null, index: 'y', count: null },
      { index_: 1, label: 1, score: null, name: 'fig, "dried"', index: 'y', count: 2 },
      { index_: 5, label: 9, score: 1e300, name: 'line\nbreak', index: 'z', count: 0 },
      { index_: 0, label: 3, score: 0.25, name: 'a', index: 'x', count: null },
    ]);
  });

  it('writes whole numbers as INT32, the others as DOUBLE, text as UTF-8, required only when nothing is missing', async () => {
    const { buffer } = await roundTrip([0, 1, 2, 3, 4, 5]);
    const schema = parquetMetadata(buffer).schema.slice(1).map((s) => [s.name, s.type, s.converted_type ?? null, s.repetition_type]);
    expect(schema).toEqual([
      ['index_', 'INT32', null, 'REQUIRED'],
      ['label', 'INT32', null, 'REQUIRED'],
      ['score', 'DOUBLE', null, 'OPTIONAL'],
      ['name', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['index', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['count', 'INT32', null, 'OPTIONAL'],
    ]);
    expect(Number(parquetMetadata(buffer).num_rows)).toBe(6);
  });

  it('keeps more rows than one message or one row group holds, in order', async () => {
    const n = 230_000;
    const big: Metadata = {
      rows: n,
      columns: [
        { name: 'v', kind: 'number', values: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i / 2)) },
        { name: 't', kind: 'text', values: Array.from({ length: n }, (_, i) => `w${i % 1000}`) },
      ],
    };
    const order = Uint32Array.from({ length: n }, (_, i) => n - 1 - i);
    const bytes = await tableParquetFile(big, order, false);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows.length).toBe(n);
    for (const i of [0, 1, 2, 99_999, 100_000, 150_001, n - 1]) {
      const row = n - 1 - i;
      expect(rows[i]).toEqual({ index: row, v: row % 3 === 0 ? null : row / 2, t: `w${row % 1000}` });
    }
  }, 60_000);
});
