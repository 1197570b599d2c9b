// Sorts the table's rows by a column in a worker (compute/table-sort-worker.ts), or in place when the
// page has no workers (unit tests). A column is sent to the worker once, identified by its values
// array: a tag makes a new array for its column only, so the other columns stay where they are.

import type { MetadataColumn } from '../api/contract';
import { columnRanks, indexOrder, sortRows, type ColumnRanks } from '../data/table-sort';
import type { SortWorkerMessage, SortWorkerRequest } from './table-sort-worker';

/** Strings per message when a text column goes to the worker: each message takes a few ms to copy. */
const PART = 50_000;

export class TableSorter {
  private worker: Worker | null = null;
  private readonly keys = new WeakMap<object, number>();
  private readonly ranks = new WeakMap<object, ColumnRanks>();
  private readonly waiting = new Map<number, (m: SortWorkerMessage) => void>();
  private nextKey = 1;
  private nextId = 1;

  /** `useWorker` false sorts in the page (tests); the worker starts with the first sort by a column. */
  constructor(private useWorker = typeof Worker !== 'undefined') {}

  private start(): void {
    this.useWorker = false;
    try {
      this.worker = new Worker(new URL('./table-sort-worker.ts', import.meta.url), { type: 'module', name: 'table sort' });
    } catch {
      return;
    }
    this.worker.onmessage = (event: MessageEvent<SortWorkerMessage>) => {
      const done = this.waiting.get(event.data.id);
      this.waiting.delete(event.data.id);
      done?.(event.data);
    };
    this.worker.onerror = () => {
      // Sorting goes on in the page; only slower.
      this.worker = null;
      for (const [id, done] of this.waiting) done({ type: 'error', id, message: 'The sorting worker failed.' });
      this.waiting.clear();
    };
  }

  /** `rows` ordered by `column` (null: by index), stable, missing values last. */
  async sort(column: MetadataColumn | null, rows: Uint32Array, descending: boolean): Promise<Uint32Array> {
    if (!column) {
      return indexOrder(rows, descending);
    }
    if (this.useWorker) this.start();
    if (!this.worker) return this.sortHere(column, rows, descending);
    const key = await this.send(column);
    if (!this.worker) return this.sortHere(column, rows, descending);
    const id = this.nextId++;
    const answer = await new Promise<SortWorkerMessage>((done) => {
      this.waiting.set(id, done);
      // A copy is sent: the caller keeps its rows.
      const copy = Uint32Array.from(rows);
      this.post({ type: 'sort', id, key, rows: copy, descending }, [copy.buffer]);
    });
    if (answer.type === 'error') return this.sortHere(column, rows, descending);
    return answer.rows;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private sortHere(column: MetadataColumn, rows: Uint32Array, descending: boolean): Uint32Array {
    let ranks = this.ranks.get(column.values);
    if (!ranks) {
      ranks = columnRanks(column.values, column.kind);
      this.ranks.set(column.values, ranks);
    }
    return sortRows(rows, ranks, descending);
  }

  /** The worker's key of the column, sending it first when new. */
  private async send(column: MetadataColumn): Promise<number> {
    const known = this.keys.get(column.values);
    if (known !== undefined) return known;
    const key = this.nextKey++;
    const values = column.values;
    if (column.kind === 'number') {
      const numbers = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        numbers[i] = typeof v === 'number' ? v : NaN;
      }
      this.post({ type: 'column', key, kind: 'number', total: values.length, offset: 0, part: numbers }, [numbers.buffer]);
    } else {
      for (let offset = 0; offset < values.length || offset === 0; offset += PART) {
        this.post({ type: 'column', key, kind: 'text', total: values.length, offset, part: values.slice(offset, offset + PART) });
        // Lets the page draw between parts.
        if (offset + PART < values.length) await new Promise((r) => setTimeout(r, 0));
        if (!this.worker) return key;
      }
    }
    this.keys.set(column.values, key);
    return key;
  }

  private post(request: SortWorkerRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(request, transfer);
  }
}
