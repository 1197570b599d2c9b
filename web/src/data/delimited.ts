// Tables as delimited text (CSV and TSV), quoted as RFC 4180 says: a field with the separator, a quote
// or a line break is put in double quotes, with its quotes doubled, so every reader that follows the
// RFC (Python's csv, pandas, spreadsheets) gets the cells back exactly.

import type { Metadata, MetadataColumn } from '../api/contract';

export type Separator = ',' | '\t';

export function quoteField(text: string, separator: Separator): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as the file wrote it: a number column's original text when there is one, '' when missing. */
export function cellText(column: MetadataColumn, row: number): string {
  const v = column.values[row];
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return column.text?.[row] ?? String(v);
  return v;
}

/**
 * `index` and every metadata column of `rows`, in that order, as lines of delimited text, in blocks
 * of `block` rows so a million rows never make one giant string.
 */
export function delimitedTable(metadata: Metadata, rows: ArrayLike<number>, separator: Separator, block = 20_000): string[] {
  const columns = metadata.columns;
  const parts = [['index', ...columns.map((c) => c.name)].map((t) => quoteField(t, separator)).join(separator) + '\n'];
  for (let start = 0; start < rows.length; start += block) {
    const lines: string[] = [];
    const end = Math.min(rows.length, start + block);
    for (let i = start; i < end; i++) {
      const row = rows[i];
      let line = String(row);
      for (const c of columns) line += separator + quoteField(cellText(c, row), separator);
      lines.push(line);
    }
    parts.push(lines.join('\n') + '\n');
  }
  return parts;
}
