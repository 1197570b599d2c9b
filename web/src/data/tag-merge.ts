// A tag put on some points, merged into the page's metadata the way the server merges it (its
// TagStore): the tagged rows take the value in a column of that name, created when new (missing on
// the other rows). The column's kind is then found again as the server finds it: number when every
// present value reads as a number, else text. So colour, labels, search and filters see the tag at
// once, and the metadata the server sends after a reload is the same.

import type { Metadata, MetadataColumn } from '../api/contract';
import { cellText } from './delimited';

// .NET's double.TryParse with NumberStyles.Float and the invariant culture, as far as tag values go.
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*(?:[+-]?Infinity|NaN|[+-]?∞)\s*$/;

export function readsAsNumber(text: string): boolean {
  return NUMBER.test(text);
}

/** `metadata` with `value` on `rows` of column `name`; other columns are the same objects. */
export function mergeTag(metadata: Metadata, name: string, value: string, rows: readonly number[]): Metadata {
  const index = metadata.columns.findIndex((c) => c.name === name);
  const cells: (string | null)[] = new Array(metadata.rows).fill(null);
  if (index >= 0) {
    const column = metadata.columns[index];
    for (let i = 0; i < metadata.rows; i++) {
      const text = cellText(column, i);
      cells[i] = text === '' ? null : text;
    }
  }
  for (const row of rows) if (row >= 0 && row < metadata.rows) cells[row] = value;
  const merged = columnOf(name, cells);
  const columns = [...metadata.columns];
  if (index >= 0) columns[index] = merged;
  else columns.push(merged);
  return { rows: metadata.rows, columns };
}

/** A column from its cells' text, with the kind the server would give it. */
export function columnOf(name: string, cells: readonly (string | null)[]): MetadataColumn {
  const present = cells.filter((c): c is string => c !== null);
  if (present.length > 0 && present.every(readsAsNumber)) {
    const values = cells.map((c) => (c === null ? null : toNumber(c)));
    const plain = cells.every((c, i) => c === null || String(values[i]) === c);
    const column: MetadataColumn = { name, kind: 'number', values: values.map((v) => (v !== null && Number.isFinite(v) ? v : null)) };
    if (!plain) column.text = cells.map((c) => c ?? '');
    return column;
  }
  return { name, kind: 'text', values: cells.map((c) => c ?? '') };
}

function toNumber(text: string): number {
  const t = text.trim().replace('∞', 'Infinity');
  return Number(t);
}
