// A table of rows as a Parquet file, with hyparquet-writer: the index as INT32, a number column as
// INT32 when every value is a whole number that fits (labels, counts), else DOUBLE, a text column as
// UTF-8 strings; a missing cell (an empty one in a text column) is a null. Only the Parquet worker
// and the no-worker path of compute/table-parquet.ts import this file, so the writer is never part of
// the page's first load. Text columns are written without min/max statistics: a download does not
// need them, and they made a million-row text column take 6.8 s instead of 2.5 s (node,
// hyparquet-writer 0.17.0, load 9).

import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';

/** One column as the page gathers it: numbers with a missing mask (null: none missing), or text. */
export type TableColumn =
  | { name: string; kind: 'number'; values: Float64Array; missing: Uint8Array | null }
  | { name: string; kind: 'text'; values: (string | null)[] };

/** The Parquet bytes of `columns` (all of one length), one row group per 100,000 rows. */
export function tableParquet(columns: readonly TableColumn[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: columns.map(columnSource),
    rowGroupSize: 100_000,
    createdBy: 'projector',
  });
  return new Uint8Array(buffer);
}

function columnSource(column: TableColumn): ColumnSource {
  if (column.kind === 'text') return { name: column.name, data: column.values, type: 'STRING', statistics: false };
  const { values, missing } = column;
  const whole = isWhole(values, missing);
  if (!missing) {
    return whole
      ? { name: column.name, data: Int32Array.from(values), type: 'INT32', nullable: false }
      : { name: column.name, data: values, type: 'DOUBLE', nullable: false };
  }
  const data = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) data[i] = missing[i] ? null : values[i];
  return { name: column.name, data, type: whole ? 'INT32' : 'DOUBLE' };
}

/** Every present value is an integer in INT32's range. */
function isWhole(values: Float64Array, missing: Uint8Array | null): boolean {
  for (let i = 0; i < values.length; i++) {
    if (missing?.[i]) continue;
    const v = values[i];
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) return false;
  }
  return true;
}
