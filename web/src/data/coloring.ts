// Turns a metadata column into one colour per point plus the legend that explains it.

import type { MetadataColumn } from '../api/contract';
import { DEFAULT_COLOR, MISSING_COLOR, OTHER_COLOR, categoricalColor, gradientColor, type Rgb } from './palette';

/** Categories beyond this many (by frequency) share the "other" colour. */
export const MAX_CATEGORIES = 50;
/** A number column with more distinct values than this is shown as a gradient, else as categories. */
export const MAX_NUMERIC_CATEGORIES = 20;

export interface CategoryEntry {
  label: string;
  color: Rgb;
  count: number;
}

export type Legend =
  | { kind: 'none' }
  | { kind: 'categorical'; column: string; entries: CategoryEntry[]; other: number; missing: number }
  | { kind: 'gradient'; column: string; min: number; max: number; missing: number };

export interface ColorEncoding {
  legend: Legend;
  /** N x 3 bytes. */
  rgb: Uint8Array;
}

export function encodeColors(column: MetadataColumn | null, n: number): ColorEncoding {
  const rgb = new Uint8Array(n * 3);
  if (!column) {
    fill(rgb, DEFAULT_COLOR, n);
    return { legend: { kind: 'none' }, rgb };
  }
  const values = column.values;
  if (column.kind === 'number' && column.domain) return gradient(column.name, values, n, rgb, column.domain);
  if (column.kind === 'number' && distinctNumbers(values, MAX_NUMERIC_CATEGORIES + 1) > MAX_NUMERIC_CATEGORIES) {
    return gradient(column.name, values, n, rgb);
  }
  return categorical(column.name, values, n, rgb);
}

function categorical(name: string, values: MetadataColumn['values'], n: number, rgb: Uint8Array): ColorEncoding {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const key = keyOf(values[i]);
    if (key === null) missing++;
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let keys = [...counts.keys()];
  if (keys.length > MAX_CATEGORIES) {
    keys.sort((a, b) => counts.get(b)! - counts.get(a)! || naturalCompare(a, b));
    keys = keys.slice(0, MAX_CATEGORIES);
  }
  keys.sort(naturalCompare);
  const slot = new Map<string, number>();
  keys.forEach((k, i) => slot.set(k, i));
  let other = 0;
  for (let i = 0; i < n; i++) {
    const key = keyOf(values[i]);
    let color: Rgb;
    if (key === null) color = MISSING_COLOR;
    else {
      const s = slot.get(key);
      if (s === undefined) {
        other++;
        color = OTHER_COLOR;
      } else color = categoricalColor(s);
    }
    rgb[i * 3] = color[0];
    rgb[i * 3 + 1] = color[1];
    rgb[i * 3 + 2] = color[2];
  }
  const entries = keys.map((label, i) => ({ label, color: categoricalColor(i), count: counts.get(label)! }));
  return { legend: { kind: 'categorical', column: name, entries, other, missing }, rgb };
}

function gradient(name: string, values: MetadataColumn['values'], n: number, rgb: Uint8Array, domain?: [number, number]): ColorEncoding {
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (domain) [min, max] = domain;
  const span = max > min ? max - min : 1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const color = typeof v === 'number' && Number.isFinite(v) ? gradientColor((v - min) / span) : MISSING_COLOR;
    rgb[i * 3] = color[0];
    rgb[i * 3 + 1] = color[1];
    rgb[i * 3 + 2] = color[2];
  }
  return { legend: { kind: 'gradient', column: name, min: missing === n ? 0 : min, max: missing === n ? 0 : max, missing }, rgb };
}

export function keyOf(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

export function distinctNumbers(values: MetadataColumn['values'], stopAt: number): number {
  const seen = new Set<number>();
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) {
      seen.add(v);
      if (seen.size >= stopAt) break;
    }
  }
  return seen.size;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** "2" before "10", case-insensitive. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function fill(rgb: Uint8Array, color: Rgb, n: number): void {
  for (let i = 0; i < n; i++) rgb.set(color, i * 3);
}

/** Text of a value for labels, lists and tooltips. */
export function displayValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/**
 * The legend of `encoding` counted over `rows` only (an isolated layout): the colours stay those of
 * the whole dataset, so a point keeps its colour, but the counts, and the categories listed, are
 * those of the points shown.
 */
export function legendOfRows(legend: Legend, column: MetadataColumn | null, rows: ArrayLike<number> | null): Legend {
  if (!rows || !column || legend.kind === 'none') return legend;
  const values = column.values;
  if (legend.kind === 'gradient') {
    let missing = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = values[rows[i]];
      if (typeof v !== 'number' || !Number.isFinite(v)) missing++;
    }
    return { ...legend, missing };
  }
  const listed = new Set(legend.entries.map((e) => e.label));
  const counts = new Map<string, number>();
  let other = 0;
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(values[rows[i]]);
    if (key === null) missing++;
    else if (listed.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    else other++;
  }
  const entries = legend.entries.filter((e) => counts.has(e.label)).map((e) => ({ ...e, count: counts.get(e.label)! }));
  return { ...legend, entries, other, missing };
}
