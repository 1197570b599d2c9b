// Filters on metadata columns and their cross-filter counts: which rows pass every filter (AND across
// columns), and each column's value counts or histogram among the rows that pass the OTHER columns'
// filters, so a panel shows what choosing in it would give. Typed arrays only, one pass per column and
// no allocation per row: a recount of a million rows fits inside a frame (bench/browser/filter-counts.mjs),
// and runs in a worker (compute/filter-worker.ts) so the page never waits for it.

import type { MetadataColumn } from '../api/contract';
import { MAX_NUMERIC_CATEGORIES, distinctNumbers, keyOf, naturalCompare } from './coloring';

/** The value a category filter names for a missing cell ('' is never a category key). */
export const MISSING = '';
/** Bars of a numeric column's histogram. */
export const HISTOGRAM_BINS = 40;

/** A range of a numeric column (both ends included; missing cells fail), or a set of category values shown ('in') or hidden ('out'). */
export type Filter =
  | { column: string; kind: 'range'; min: number; max: number }
  | { column: string; kind: 'values'; mode: 'in' | 'out'; values: string[] };

/** A column as the counts read it: category codes (0 is missing, then by falling count) or numbers (NaN is missing). */
export type FilterColumn =
  | { name: string; kind: 'category'; codes: Uint32Array; labels: string[] }
  | { name: string; kind: 'number'; values: Float64Array; min: number; max: number; bins: number };

/** What a panel needs to draw a column: without the per-row arrays. */
export type ColumnProfile =
  | { name: string; kind: 'category'; labels: string[] }
  | { name: string; kind: 'number'; min: number; max: number; bins: number };

export interface ColumnCounts {
  /** Per category code, or per histogram bin (then `missing` counts the cells without a number). */
  counts: Uint32Array;
  missing: number;
}

export interface FilterCounts {
  /** 1 per dataset row that passes every filter and is in the universe; null when no filter applies. */
  mask: Uint8Array | null;
  /** Rows of the universe passing every filter. */
  count: number;
  /** Rows of the universe (the dataset, or the rows of an isolated layout). */
  total: number;
  /** Per column, counted under every other column's filter. */
  columns: ColumnCounts[];
}

export function profileOf(column: FilterColumn): ColumnProfile {
  return column.kind === 'category'
    ? { name: column.name, kind: 'category', labels: column.labels }
    : { name: column.name, kind: 'number', min: column.min, max: column.max, bins: column.bins };
}

/**
 * Reads a metadata column the way the colouring does: numbers with more than MAX_NUMERIC_CATEGORIES
 * distinct values are a histogram, anything else is categories.
 */
export function encodeColumn(column: MetadataColumn, n: number): FilterColumn {
  const values = column.values;
  if (column.kind === 'number' && distinctNumbers(values, MAX_NUMERIC_CATEGORIES + 1) > MAX_NUMERIC_CATEGORIES) {
    const out = new Float64Array(n);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const x = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
      out[i] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min > max) min = max = 0;
    return { name: column.name, kind: 'number', values: out, min, max, bins: HISTOGRAM_BINS };
  }
  const index = new Map<string, number>();
  const raw = new Uint32Array(n);
  const counts: number[] = [0];
  const keys: string[] = [MISSING];
  for (let i = 0; i < n; i++) {
    const key = keyOf(values[i]);
    if (key === null) continue;
    let code = index.get(key);
    if (code === undefined) {
      code = keys.length;
      index.set(key, code);
      keys.push(key);
      counts.push(0);
    }
    counts[code]++;
    raw[i] = code;
  }
  // Codes by falling count (ties in natural order), so the first codes are the values a panel lists.
  const order = keys.slice(1).map((_, i) => i + 1);
  order.sort((a, b) => counts[b] - counts[a] || naturalCompare(keys[a], keys[b]));
  const recode = new Uint32Array(keys.length);
  order.forEach((old, i) => (recode[old] = i + 1));
  for (let i = 0; i < n; i++) raw[i] = recode[raw[i]];
  return { name: column.name, kind: 'category', codes: raw, labels: [MISSING, ...order.map((c) => keys[c])] };
}

/** The histogram bin of `v` (NaN for none): equal bins over [min, max], max in the last. */
export function binOf(v: number, min: number, max: number, bins: number): number {
  if (Number.isNaN(v)) return -1;
  const b = max > min ? Math.floor(((v - min) / (max - min)) * bins) : 0;
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** True when a category value passes `filter` (none passes everything). */
export function keeps(filter: Filter | undefined, label: string): boolean {
  if (!filter || filter.kind !== 'values') return true;
  return filter.values.includes(label) === (filter.mode === 'in');
}

/** True when a number (NaN for missing) passes `filter`. */
export function inRange(filter: Filter | undefined, v: number): boolean {
  if (!filter || filter.kind !== 'range') return true;
  return v >= filter.min && v <= filter.max;
}

/** The filters that apply to these columns (one per column, the last given; others are dropped). */
export function applicable(columns: readonly FilterColumn[] | readonly ColumnProfile[], filters: readonly Filter[]): Map<number, Filter> {
  const out = new Map<number, Filter>();
  for (const f of filters) {
    const j = columns.findIndex((c) => c.name === f.column);
    if (j < 0) continue;
    const c = columns[j];
    if ((c.kind === 'number') !== (f.kind === 'range')) continue;
    out.set(j, f);
  }
  return out;
}

/**
 * The mask and cross-filter counts of `filters` over `columns`, counting only the rows of `universe`
 * (dataset rows; null for all). Each row's number of failed filters and the last column it failed are
 * enough for "passes every filter but column j's".
 */
export function crossFilter(columns: readonly FilterColumn[], filters: readonly Filter[], n: number, universe: ArrayLike<number> | null): FilterCounts {
  const active = applicable(columns, filters);
  const fails = new Uint16Array(n);
  const failed = new Uint16Array(n);
  let total = n;
  if (universe) {
    // Rows outside count as failing twice: never counted, whatever column is left out.
    fails.fill(2);
    total = 0;
    for (let k = 0; k < universe.length; k++) {
      const r = universe[k];
      if (r >= 0 && r < n && fails[r] !== 0) {
        fails[r] = 0;
        total++;
      }
    }
  }
  for (const [j, f] of active) {
    const c = columns[j];
    if (c.kind === 'category') {
      const keep = new Uint8Array(c.labels.length);
      for (let code = 0; code < keep.length; code++) keep[code] = keeps(f, c.labels[code]) ? 1 : 0;
      failCategory(c.codes, keep, fails, failed, j);
    } else if (f.kind === 'range') failRange(c.values, f.min, f.max, fails, failed, j);
  }
  let count = 0;
  let mask: Uint8Array | null = null;
  if (active.size > 0) {
    mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (fails[i] === 0) {
        mask[i] = 1;
        count++;
      }
    }
  } else count = total;
  const counted = columns.map((c, j) => (c.kind === 'category'
    ? countCategory(c.codes, c.labels.length, fails, failed, j)
    : countBins(c.values, c.min, c.max, c.bins, fails, failed, j)));
  return { mask, count, total, columns: counted };
}

// One small function per loop keeps each loop monomorphic.
function failCategory(codes: Uint32Array, keep: Uint8Array, fails: Uint16Array, failed: Uint16Array, j: number): void {
  for (let i = 0; i < codes.length; i++) {
    if (keep[codes[i]] === 0) {
      fails[i]++;
      failed[i] = j;
    }
  }
}

function failRange(values: Float64Array, lo: number, hi: number, fails: Uint16Array, failed: Uint16Array, j: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) {
      fails[i]++;
      failed[i] = j;
    }
  }
}

function countCategory(codes: Uint32Array, size: number, fails: Uint16Array, failed: Uint16Array, j: number): ColumnCounts {
  const counts = new Uint32Array(size);
  for (let i = 0; i < codes.length; i++) {
    const f = fails[i];
    if (f === 0 || (f === 1 && failed[i] === j)) counts[codes[i]]++;
  }
  return { counts, missing: counts[0] };
}

function countBins(values: Float64Array, min: number, max: number, bins: number, fails: Uint16Array, failed: Uint16Array, j: number): ColumnCounts {
  const counts = new Uint32Array(bins);
  const scale = max > min ? bins / (max - min) : 0;
  const last = bins - 1;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const f = fails[i];
    if (f === 0 || (f === 1 && failed[i] === j)) {
      const v = values[i];
      if (v !== v) {
        missing++;
        continue;
      }
      const b = ((v - min) * scale) | 0;
      counts[b > last ? last : b < 0 ? 0 : b]++;
    }
  }
  return { counts, missing };
}

/** `filters` with column's filter replaced by `next` (removed when null), keeping the others' order. */
export function withFilter(filters: readonly Filter[], column: string, next: Filter | null): Filter[] {
  const out = filters.filter((f) => f.column !== column);
  if (next) out.push(next);
  return out;
}

/** Legend click: shows a hidden value or hides a shown one. */
export function toggled(current: Filter | undefined, column: string, label: string): Filter | null {
  if (!current || current.kind !== 'values') return { column, kind: 'values', mode: 'out', values: [label] };
  const has = current.values.includes(label);
  const values = has ? current.values.filter((v) => v !== label) : [...current.values, label];
  if (current.mode === 'out' && values.length === 0) return null;
  return { ...current, values };
}

/** Alt-click: only this value; again on the only value shown, everything. */
export function soloed(current: Filter | undefined, column: string, label: string): Filter | null {
  if (current?.kind === 'values' && current.mode === 'in' && current.values.length === 1 && current.values[0] === label) return null;
  return { column, kind: 'values', mode: 'in', values: [label] };
}

/** A bar click: only this value (again: everything); with `add`, this value joins (or leaves) those shown. */
export function picked(current: Filter | undefined, column: string, label: string, add: boolean): Filter | null {
  if (!add) return soloed(current, column, label);
  if (!current || current.kind !== 'values') return { column, kind: 'values', mode: 'in', values: [label] };
  return toggled(current, column, label);
}

/**
 * A click on "other": only the values past the `listed` ones (missing cells are not "other"), as a
 * filter hiding the listed values and the missing; again on the same filter, everything.
 */
export function othersOnly(current: Filter | undefined, column: string, listed: readonly string[]): Filter | null {
  const values = [...new Set([...listed, MISSING])];
  const same = current?.kind === 'values' && current.mode === 'out' && current.values.length === values.length
    && values.every((v) => current.values.includes(v));
  return same ? null : { column, kind: 'values', mode: 'out', values };
}

/** A brushed range rounded to about three significant digits of the column's span, so links stay short. */
export function roundedRange(lo: number, hi: number, min: number, max: number): [number, number] {
  const span = max - min;
  if (!(span > 0)) return [lo, hi];
  const step = 10 ** (Math.floor(Math.log10(span)) - 2);
  const round = (v: number) => Number((Math.round(v / step) * step).toPrecision(12));
  const a = Math.max(min, round(Math.min(lo, hi)));
  const b = Math.min(max, round(Math.max(lo, hi)));
  return [a, b];
}

/** A filter as the URL writes it: column,range,min,max or column,in|out,value,... (each part URI-encoded). */
export function encodeFilter(f: Filter): string {
  const parts = f.kind === 'range' ? [f.column, 'range', String(f.min), String(f.max)] : [f.column, f.mode, ...f.values];
  return parts.map(encodeURIComponent).join(',');
}

/** The inverse of `encodeFilter`; null when malformed. */
export function decodeFilter(text: string): Filter | null {
  let parts: string[];
  try {
    parts = text.split(',').map(decodeURIComponent);
  } catch {
    return null;
  }
  return normalizeFilter(parts[1] === 'range'
    ? { column: parts[0], kind: 'range', min: parts[2] === '' ? Number.NaN : Number(parts[2]), max: parts[3] === '' ? Number.NaN : Number(parts[3]) }
    : { column: parts[0], kind: 'values', mode: parts[1], values: parts.slice(2) });
}

/** A filter read from a bookmark or link, or null when it is not one. */
export function normalizeFilter(v: unknown): Filter | null {
  if (typeof v !== 'object' || v === null) return null;
  const f = v as Record<string, unknown>;
  if (typeof f.column !== 'string' || f.column === '') return null;
  if (f.kind === 'range') {
    if (typeof f.min !== 'number' || typeof f.max !== 'number' || !Number.isFinite(f.min) || !Number.isFinite(f.max) || f.min > f.max) return null;
    return { column: f.column, kind: 'range', min: f.min, max: f.max };
  }
  if (f.kind === 'values' && (f.mode === 'in' || f.mode === 'out') && Array.isArray(f.values) && f.values.every((x) => typeof x === 'string')) {
    return { column: f.column, kind: 'values', mode: f.mode, values: [...new Set(f.values as string[])] };
  }
  return null;
}

/** Filters read from a bookmark or link: the valid ones, one per column. */
export function normalizeFilters(v: unknown): Filter[] {
  if (!Array.isArray(v)) return [];
  let out: Filter[] = [];
  for (const x of v) {
    const f = normalizeFilter(x);
    if (f) out = withFilter(out, f.column, f);
  }
  return out;
}
