// The table's columns cut into pieces for the Parquet worker: rows are gathered in the table's order
// a block at a time, with a pause between blocks, so neither gathering a million rows nor copying
// their strings into a message holds the page for long; number columns travel as one transferred
// buffer each, text columns in parts of PART strings.

import type { Metadata } from '../api/contract';
import type { TableColumn } from './parquet-table';

export type TablePiece =
  | { kind: 'number'; column: number; name: string; values: Float64Array; missing: Uint8Array | null }
  | { kind: 'text'; column: number; name: string; total: number; offset: number; part: (string | null)[] };

/** Rows gathered between two pauses. */
const BLOCK = 100_000;
/** Strings per message: each message is copied on the page in one go. */
const PART = 50_000;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The column names of the file: `index`, then the metadata's, made unique if a column is named `index`. */
export function tableColumnNames(metadata: Metadata): string[] {
  const names = metadata.columns.map((c) => c.name);
  let index = 'index';
  while (names.includes(index)) index += '_';
  return [index, ...names];
}

/** `index` and every metadata column of `rows`, in the order of `rows`, piece by piece. */
export async function* tablePieces(metadata: Metadata, rows: ArrayLike<number>): AsyncGenerator<TablePiece> {
  const n = rows.length;
  const names = tableColumnNames(metadata);
  const index = new Float64Array(n);
  for (let i = 0; i < n; i++) index[i] = rows[i];
  yield { kind: 'number', column: 0, name: names[0], values: index, missing: null };
  for (let j = 0; j < metadata.columns.length; j++) {
    const cells = metadata.columns[j].values;
    const name = names[j + 1];
    if (metadata.columns[j].kind === 'number') {
      const values = new Float64Array(n);
      let missing: Uint8Array | null = null;
      for (let start = 0; start < n; start += BLOCK) {
        const end = Math.min(n, start + BLOCK);
        for (let i = start; i < end; i++) {
          const v = cells[rows[i]];
          if (typeof v === 'number') values[i] = v;
          else (missing ??= new Uint8Array(n))[i] = 1;
        }
        if (end < n) await pause();
      }
      yield { kind: 'number', column: j + 1, name, values, missing };
    } else {
      for (let offset = 0; offset < n || offset === 0; offset += PART) {
        const end = Math.min(n, offset + PART);
        const part = new Array<string | null>(end - offset);
        for (let i = offset; i < end; i++) {
          const v = cells[rows[i]];
          // An empty text cell is a missing one, as the page reads metadata and tags (data/tag-merge.ts).
          part[i - offset] = v === null || v === undefined || v === '' ? null : String(v);
        }
        yield { kind: 'text', column: j + 1, name, total: n, offset, part };
        if (end < n) await pause();
      }
    }
  }
}

/** Puts the pieces back together as whole columns (in the worker, or on the page without workers). */
export class TableAssembler {
  private readonly columns: TableColumn[] = [];

  add(piece: TablePiece): void {
    if (piece.kind === 'number') {
      this.columns[piece.column] = { name: piece.name, kind: 'number', values: piece.values, missing: piece.missing };
      return;
    }
    let column = this.columns[piece.column];
    if (!column || piece.offset === 0) {
      column = { name: piece.name, kind: 'text', values: new Array<string | null>(piece.total) };
      this.columns[piece.column] = column;
    }
    const values = column.values as (string | null)[];
    for (let i = 0; i < piece.part.length; i++) values[piece.offset + i] = piece.part[i];
  }

  finish(): TableColumn[] {
    return this.columns;
  }
}
