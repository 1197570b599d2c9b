// The table's sorting off the main thread: columns arrive once (text in parts, so no single message
// blocks the page), are ranked on the first sort by them, and each sort of a set of rows answers with
// the ordered rows as a transferred buffer. A few columns are kept; the oldest is dropped past that.

import { columnRanks, sortRows, type Cell, type ColumnRanks } from '../data/table-sort';

export type SortWorkerRequest =
  | { type: 'column'; key: number; kind: 'text' | 'number'; total: number; offset: number; part: Cell[] | Float64Array }
  | { type: 'sort'; id: number; key: number; rows: Uint32Array; descending: boolean };

export type SortWorkerMessage =
  | { type: 'sorted'; id: number; rows: Uint32Array }
  | { type: 'error'; id: number; message: string };

interface Held {
  kind: 'text' | 'number';
  values: Cell[] | Float64Array;
  ranks: ColumnRanks | null;
}

const KEPT = 4;
const columns = new Map<number, Held>();

function receive(m: Extract<SortWorkerRequest, { type: 'column' }>): void {
  let held = columns.get(m.key);
  if (!held || m.offset === 0) {
    held = { kind: m.kind, values: m.part instanceof Float64Array ? m.part : new Array<Cell>(m.total), ranks: null };
    columns.delete(m.key);
    columns.set(m.key, held);
    while (columns.size > KEPT) columns.delete(columns.keys().next().value!);
  }
  if (!(m.part instanceof Float64Array)) {
    const values = held.values as Cell[];
    for (let i = 0; i < m.part.length; i++) values[m.offset + i] = m.part[i];
  }
}

function sort(m: Extract<SortWorkerRequest, { type: 'sort' }>): SortWorkerMessage {
  const held = columns.get(m.key);
  if (!held) return { type: 'error', id: m.id, message: 'The column to sort by was not received.' };
  held.ranks ??= columnRanks(held.values, held.kind);
  return { type: 'sorted', id: m.id, rows: sortRows(m.rows, held.ranks, m.descending) };
}

self.onmessage = (event: MessageEvent<SortWorkerRequest>) => {
  const m = event.data;
  if (m.type === 'column') receive(m);
  else {
    const answer = sort(m);
    (self as unknown as Worker).postMessage(answer, answer.type === 'sorted' ? [answer.rows.buffer] : []);
  }
};
