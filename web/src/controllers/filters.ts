// Filters on metadata columns: the panels' brushes and bars and the legend's clicks change the view's
// filters; the counts (and the mask the scene draws with) come back from the filter worker.

import { batch, effect, signal } from '@preact/signals-core';
import { type CountsAnswer, FilterCounter } from '../compute/filter-counts';
import { type ColumnProfile, type Filter, othersOnly, picked, roundedRange, soloed, toggled, withFilter } from '../data/filters';
import type { Context } from './context';
import type { SearchController } from './search';

export class FiltersController {
  /** The columns the panels draw, once the worker has read them. */
  readonly profiles = signal<ColumnProfile[]>([]);
  /** The latest counts (with the totals of no filter); null until the first arrive. */
  readonly counts = signal<CountsAnswer | null>(null);
  private readonly counter: FilterCounter;
  private readonly stops: (() => void)[];

  constructor(private readonly ctx: Context, search: SearchController, inline?: boolean) {
    const { store } = ctx;
    this.counter = new FilterCounter({
      profiles: (profiles) => (this.profiles.value = profiles),
      counts: (answer) => {
        const before = store.filterMask.peek();
        batch(() => {
          this.counts.value = answer;
          store.filterMask.value = answer.result.mask;
          store.filterCount.value = answer.result.mask ? answer.result.count : null;
        });
        // Matches follow the filters: rows filtered out are not matches.
        if (before !== answer.result.mask && store.view.search.peek().query !== '') void search.run();
      },
    }, inline);
    this.stops = [
      effect(() => {
        const metadata = store.metadata.value;
        batch(() => {
          this.profiles.value = [];
          this.counts.value = null;
          store.filterMask.value = null;
          store.filterCount.value = null;
        });
        if (!metadata) return;
        this.counter.setColumns(metadata.rows, metadata.columns);
        this.counter.setRows(store.rows.peek());
        this.counter.count(store.view.filters.peek());
      }),
      effect(() => {
        const rows = store.rows.value;
        if (!store.metadata.peek()) return;
        this.counter.setRows(rows);
        this.counter.count(store.view.filters.peek());
      }),
      effect(() => {
        const filters = store.view.filters.value;
        if (store.metadata.peek()) this.counter.count(filters);
      }),
    ];
  }

  filterOf(column: string): Filter | undefined {
    return this.ctx.store.view.filters.value.find((f) => f.column === column);
  }

  /** A brushed range of a number column (null clears it), rounded to short readable numbers. */
  setRange(column: string, range: [number, number] | null): void {
    const profile = this.profiles.peek().find((p) => p.name === column);
    if (!range || profile?.kind !== 'number') {
      this.set(column, null);
      return;
    }
    const [min, max] = roundedRange(range[0], range[1], profile.min, profile.max);
    this.set(column, { column, kind: 'range', min, max });
  }

  /** Legend click: hides a shown value, shows a hidden one. */
  toggle(column: string, label: string): void {
    this.set(column, toggled(this.current(column), column, label));
  }

  /** Alt-click: only this value (again: all). */
  solo(column: string, label: string): void {
    this.set(column, soloed(this.current(column), column, label));
  }

  /** Bar click: only this value (again: all); `add` adds it to (or takes it from) the values shown. */
  pick(column: string, label: string, add: boolean): void {
    this.set(column, picked(this.current(column), column, label, add));
  }

  /** A click on "other": only the values not listed by name (again: all). */
  others(column: string, listed: readonly string[]): void {
    this.set(column, othersOnly(this.current(column), column, listed));
  }

  clear(column: string): void {
    this.set(column, null);
  }

  clearAll(): void {
    this.ctx.store.view.filters.value = [];
  }

  setHide(hide: boolean): void {
    this.ctx.store.view.hideFiltered.value = hide;
  }

  /** True when `row` (a dataset row) is not filtered out. */
  passes(row: number): boolean {
    const mask = this.ctx.store.filterMask.peek();
    return !mask || mask[row] === 1;
  }

  dispose(): void {
    this.stops.forEach((stop) => stop());
    this.counter.dispose();
  }

  private current(column: string): Filter | undefined {
    return this.ctx.store.view.filters.peek().find((f) => f.column === column);
  }

  private set(column: string, next: Filter | null): void {
    const view = this.ctx.store.view.filters;
    view.value = withFilter(view.peek(), column, next);
  }
}
