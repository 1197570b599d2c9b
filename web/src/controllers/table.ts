// The table under the map: which rows it lists (the selection, else the rows passing the filters, else
// every row), in which order, what a click on a row does, and its downloads. A click selects the point
// without changing what the table lists, so the user can walk down the list.

import { batch, computed, effect, signal } from '@preact/signals-core';
import { messageOf } from '../api/problem';
import { tableParquetFile } from '../compute/table-parquet';
import { TableSorter } from '../compute/table-sorter';
import { fitRows } from '../data/camera-moves';
import { delimitedTable, type Separator } from '../data/delimited';
import { download } from '../data/export';
import type { TableSort } from '../data/table-sort';
import { fitZoom } from '../render/camera';
import type { Context } from './context';
import type { SelectionController } from './selection';

export type TableSource = 'selection' | 'filter' | 'all';

export class TableController {
  /** The table is unfolded: while folded it neither lists nor sorts. */
  readonly open = signal(false);
  readonly sort = signal<TableSort | null>(null);
  /** Dataset rows in the order listed. */
  readonly rows = signal<Uint32Array<ArrayBufferLike>>(new Uint32Array(0));
  readonly source = signal<TableSource>('all');
  /**
   * What the table lists and how many rows, known while it is folded too (when no rows are built):
   * the bar under the map says it either way.
   */
  readonly listing = computed(() => {
    const { store } = this.ctx;
    const n = store.metadata.value?.rows ?? 0;
    const selection = store.view.selection.value;
    const source = sourceOf(selection, store.filterMask.value);
    const count = source === 'selection' ? selection.filter((r) => r >= 0 && r < n).length
      : source === 'filter' ? (store.filterCount.value ?? 0) : n;
    return { source, count };
  });
  /** A sort is being computed (the rows shown are the previous order). */
  readonly sorting = signal(false);
  /** Called after the camera moved to a row (the scene then updates its labels). */
  onCamera: () => void = () => {};

  private readonly sorter: TableSorter;
  private own: readonly number[] | null = null;
  private base: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private token = 0;
  private listed: { base: Uint32Array; sort: TableSort | null; values: unknown[] | null } | null = null;
  readonly dispose: () => void;

  constructor(private readonly ctx: Context, private readonly selection: SelectionController, sorter = new TableSorter()) {
    this.sorter = sorter;
    this.dispose = effect(() => this.refresh());
  }

  /** A click on a column's header (null: the index) cycles ascending, descending, dataset order. */
  sortBy(sort: TableSort | null): void {
    this.sort.value = sort;
  }

  /** A click on a row: selects the point (ctrl/cmd toggles it) and moves the camera to it. */
  click(row: number, keys: { ctrlKey: boolean; metaKey: boolean } = { ctrlKey: false, metaKey: false }): void {
    batch(() => {
      this.selection.select([row], keys.ctrlKey || keys.metaKey ? 'toggle' : 'replace');
      this.own = this.ctx.store.view.selection.peek();
    });
    this.fly(row);
  }

  /** The rows listed, in their order, as CSV or TSV with the index and every metadata column. */
  download(separator: Separator): void {
    const { store } = this.ctx;
    try {
      const metadata = store.metadata.peek();
      if (!metadata) throw new Error('The metadata is not loaded yet.');
      const name = `${store.item.peek()?.id ?? 'dataset'}-table.${separator === ',' ? 'csv' : 'tsv'}`;
      download(name, delimitedTable(metadata, this.rows.peek(), separator), separator === ',' ? 'text/csv' : 'text/tab-separated-values');
    } catch (error) {
      store.error.value = messageOf(error);
    }
  }

  /** A Parquet file is being written (the button waits for it). */
  readonly writing = signal(false);

  /**
   * The rows listed, in their order, as Parquet: the index and every metadata column, numbers as
   * numbers. Written in a worker; resolves once the file is offered.
   */
  async downloadParquet(): Promise<void> {
    const { store, busy } = this.ctx;
    if (this.writing.peek()) return;
    try {
      const metadata = store.metadata.peek();
      if (!metadata) throw new Error('The metadata is not loaded yet.');
      this.writing.value = true;
      const rows = this.rows.peek();
      const name = `${store.item.peek()?.id ?? 'dataset'}-table.parquet`;
      const bytes = await busy.during(`Writing ${rows.length.toLocaleString('en-US')} rows as Parquet…`, tableParquetFile(metadata, rows));
      download(name, bytes, 'application/vnd.apache.parquet');
    } catch (error) {
      store.error.value = messageOf(error);
    } finally {
      this.writing.value = false;
    }
  }

  private refresh(): void {
    const { store } = this.ctx;
    const open = this.open.value;
    const metadata = store.metadata.value;
    const selection = store.view.selection.value;
    const mask = store.filterMask.value;
    const sort = this.sort.value;
    if (!open) return;
    const n = metadata?.rows ?? 0;
    // A selection made by a click in the table keeps the rows it lists.
    if (selection !== this.own) {
      this.own = null;
      const [base, source] = baseRows(n, selection, mask);
      this.base = base;
      this.source.value = source;
    }
    const column = sort?.column ? store.column(sort.column) : null;
    // Nothing listed changed (a click in the table): the rows on screen, and their scroll, stay.
    const inputs = { base: this.base, sort, values: column?.values ?? null };
    if (this.listed && Object.entries(inputs).every(([k, v]) => this.listed![k as keyof typeof inputs] === v)) return;
    this.listed = inputs;
    const token = ++this.token;
    if (!sort || !metadata || (sort.column !== null && !column)) {
      batch(() => {
        this.rows.value = this.base;
        this.sorting.value = false;
      });
      return;
    }
    this.sorting.value = true;
    this.sorter.sort(column, this.base, sort.descending).then(
      (rows) => {
        if (token !== this.token) return;
        batch(() => {
          this.rows.value = rows;
          this.sorting.value = false;
        });
      },
      (error: unknown) => {
        if (token !== this.token) return;
        this.sorting.value = false;
        store.error.value = messageOf(error);
      },
    );
  }

  private fly(row: number): void {
    const { store, scene } = this.ctx;
    const layout = store.layout.peek();
    const at = store.layoutRowOf(row);
    if (!layout || at < 0) return;
    const size = scene.size();
    const current = scene.camera();
    const camera = fitRows(current, layout.positions, [at], size, fitZoom(size.width, size.height));
    if (!camera) return;
    // Never zooms out: a user zoomed in further keeps that zoom.
    camera.zoom = Math.max(camera.zoom, current.zoom);
    scene.setView(store.view.dims.peek(), camera);
    store.view.camera.value = scene.camera();
    this.onCamera();
  }
}

/** Where the table's rows come from: the selection, else the rows passing the filters, else every row. */
export function sourceOf(selection: readonly number[], mask: Uint8Array | null): TableSource {
  return selection.length > 0 ? 'selection' : mask ? 'filter' : 'all';
}

/** The rows the table lists before sorting, in dataset order, and where they come from. */
export function baseRows(n: number, selection: readonly number[], mask: Uint8Array | null): [Uint32Array, TableSource] {
  const source = sourceOf(selection, mask);
  if (source === 'selection') {
    const rows = Uint32Array.from(selection.filter((r) => r >= 0 && r < n)).sort();
    return [rows, 'selection'];
  }
  if (source === 'filter' && mask) {
    let count = 0;
    const m = Math.min(n, mask.length);
    for (let i = 0; i < m; i++) if (mask[i]) count++;
    const rows = new Uint32Array(count);
    for (let i = 0, j = 0; i < m; i++) if (mask[i]) rows[j++] = i;
    return [rows, 'filter'];
  }
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return [rows, 'all'];
}
