// The state behind the cross-filter counts: the dataset's columns encoded once, the rows counted (all,
// or those of an isolated layout) and the counts with no filter. The same class answers in the worker
// (filter-worker.ts) and, where a browser has no workers, on the page.

import type { MetadataColumn } from '../api/contract';
import { crossFilter, encodeColumn, profileOf, type ColumnCounts, type ColumnProfile, type Filter, type FilterColumn, type FilterCounts } from '../data/filters';

export type FilterRequest =
  | { type: 'columns'; id: number; points: number; columns: Pick<MetadataColumn, 'name' | 'kind' | 'values'>[] }
  | { type: 'rows'; id: number; rows: Int32Array | null }
  | { type: 'count'; id: number; seq: number; filters: Filter[] };

export type FilterReply =
  | { type: 'profiles'; id: number; profiles: ColumnProfile[] }
  | { type: 'counts'; id: number; seq: number; result: FilterCounts; totals: ColumnCounts[]; ms: number };

export class FilterEngine {
  private id = -1;
  private points = 0;
  private columns: FilterColumn[] = [];
  private rows: Int32Array | null = null;
  private totals: ColumnCounts[] | null = null;

  /** The answer to `request`, if it has one (columns and counts do; rows do not). */
  handle(request: FilterRequest): FilterReply | null {
    if (request.type === 'columns') {
      this.id = request.id;
      this.points = request.points;
      this.columns = request.columns.map((c) => encodeColumn(c as MetadataColumn, request.points));
      this.rows = null;
      this.totals = null;
      return { type: 'profiles', id: request.id, profiles: this.columns.map(profileOf) };
    }
    if (request.id !== this.id) return null;
    if (request.type === 'rows') {
      this.rows = request.rows;
      this.totals = null;
      return null;
    }
    const start = performance.now();
    this.totals ??= crossFilter(this.columns, [], this.points, this.rows).columns;
    const result = crossFilter(this.columns, request.filters, this.points, this.rows);
    return { type: 'counts', id: this.id, seq: request.seq, result, totals: this.totals, ms: performance.now() - start };
  }
}
