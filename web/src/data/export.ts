// Files made in the browser: the layout as CSV or .npy, and the metadata of a selection as TSV.

import type { Metadata } from '../api/contract';
import { displayValue } from './coloring';
import { quoteField } from './delimited';

/**
 * CSV with a header: `index,x,y[,z]` then the metadata columns. `rows[i]` is the dataset row of
 * layout row i (an isolated layout holds fewer rows than the dataset).
 */
export function layoutCsv(raw: Float32Array, dims: number, rows: ArrayLike<number>, metadata: Metadata | null): string {
  const axes = ['x', 'y', 'z'].slice(0, dims);
  for (let d = 3; d < dims; d++) axes.push(`c${d + 1}`);
  const columns = metadata?.columns ?? [];
  const header = ['index', ...axes, ...columns.map((c) => c.name)].map(csvField).join(',');
  const lines = [header];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const fields: string[] = [String(row)];
    for (let d = 0; d < dims; d++) fields.push(String(raw[i * dims + d]));
    for (const c of columns) fields.push(csvField(displayValue(c.values[row])));
    lines.push(fields.join(','));
  }
  return lines.join('\n') + '\n';
}

function csvField(text: string): string {
  return quoteField(text, ',');
}

/** A NumPy .npy (format 1.0) of little-endian float32 with shape (rows, dims). */
export function layoutNpy(raw: Float32Array, rows: number, dims: number): Uint8Array {
  if (raw.length !== rows * dims) throw new Error(`${raw.length} values do not make a ${rows} x ${dims} array.`);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dims}), }`;
  // magic (6) + version (2) + header length (2) + header, padded with spaces and ended by \n to a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + raw.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, total);
  for (let i = 0; i < raw.length; i++) view.setFloat32(i * 4, raw[i], true);
  return out;
}

/** TSV of the metadata of `rows`, with `index` first; tabs and newlines inside values become spaces. */
export function selectionTsv(metadata: Metadata, rows: readonly number[]): string {
  const clean = (t: string) => t.replace(/[\t\r\n]+/g, ' ');
  const lines = [['index', ...metadata.columns.map((c) => clean(c.name))].join('\t')];
  for (const row of rows) lines.push([String(row), ...metadata.columns.map((c) => clean(displayValue(c.values[row])))].join('\t'));
  return lines.join('\n') + '\n';
}

/** Offers bytes or text (or text in parts, for files too large for one string) as a file download. */
export function download(name: string, content: string | Uint8Array | string[], type: string): void {
  const blob = new Blob(Array.isArray(content) ? content : [content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
