// The table's order: each metadata column is ranked once (numbers numerically, text in natural order,
// "2" before "10"), then any set of rows is ordered by those ranks with a stable LSD radix sort over
// typed arrays. Ranking is O(N log N) once per column; each later sort of M rows is a few O(M) passes
// with no comparator calls, so re-sorting a million rows after the selection or a filter changed stays
// cheap. Missing values (null, '', NaN) come last in both directions. Texts the collator holds equal
// (case) tie, so they keep the dataset's order.


export type Cell = string | number | null;

/** Natural order, case-insensitive: the order of the colour legend's categories (data/coloring.ts). */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Each row's place among the column's distinct values; missing rows have `distinct`. */
export interface ColumnRanks {
  rank: Uint32Array;
  distinct: number;
}

export interface TableSort {
  /** The column, or null for the dataset index. */
  column: string | null;
  descending: boolean;
}

/** Ranks `values` as numbers (`number` columns) or as text. */
export function columnRanks(values: ArrayLike<Cell>, kind: 'text' | 'number'): ColumnRanks {
  return kind === 'number' ? numberRanks(values) : textRanks(values);
}

function numberRanks(values: ArrayLike<Cell>): ColumnRanks {
  const n = values.length;
  const keys = new Float64Array(n);
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : v === null || v === '' ? NaN : Number(v);
    keys[i] = x;
    if (Number.isFinite(x)) finite++;
  }
  // The typed array's own sort compares numerically without a callback.
  const sorted = new Float64Array(finite);
  for (let i = 0, j = 0; i < n; i++) if (Number.isFinite(keys[i])) sorted[j++] = keys[i];
  sorted.sort();
  let distinct = 0;
  for (let i = 0; i < finite; i++) if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i];
  const rank = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (!Number.isFinite(x)) {
      rank[i] = distinct;
      continue;
    }
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, distinct };
}

function textRanks(values: ArrayLike<Cell>): ColumnRanks {
  const n = values.length;
  const ids = new Map<string, number>();
  const first = new Int32Array(n);
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === '') {
      first[i] = -1;
      continue;
    }
    const text = String(v);
    let id = ids.get(text);
    if (id === undefined) {
      id = texts.length;
      ids.set(text, id);
      texts.push(text);
    }
    first[i] = id;
  }
  // The collator's own compare, unwrapped, sorts about twice as fast as a comparator around it.
  const sorted = texts.slice().sort(collator.compare);
  const place = new Uint32Array(texts.length);
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    // Texts the collator holds equal ("Apple", "apple") share a rank: they keep the rows' order.
    if (i > 0 && collator.compare(sorted[i - 1], sorted[i]) !== 0) distinct++;
    place[ids.get(sorted[i])!] = distinct;
  }
  if (sorted.length > 0) distinct++;
  const rank = new Uint32Array(n);
  for (let i = 0; i < n; i++) rank[i] = first[i] < 0 ? distinct : place[first[i]];
  return { rank, distinct };
}

const BITS = 11;
const BUCKETS = 1 << BITS;

/**
 * `rows` (dataset rows, in the order ties should keep) ordered by `ranks`, ascending or descending,
 * missing last. Stable: equal values keep their order in `rows`. Returns a new array.
 */
export function sortRows(rows: Uint32Array, ranks: ColumnRanks, descending: boolean): Uint32Array {
  const m = rows.length;
  const { rank, distinct } = ranks;
  let keys = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const r = rank[rows[i]];
    keys[i] = r >= distinct ? distinct : descending ? distinct - 1 - r : r;
  }
  let from = Uint32Array.from(rows);
  let to = new Uint32Array(m);
  let toKeys = new Uint32Array(m);
  const count = new Uint32Array(BUCKETS);
  for (let shift = 0; shift === 0 || distinct >>> shift > 0; shift += BITS) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const at = count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
      to[at] = from[i];
      toKeys[at] = keys[i];
    }
    [from, to] = [to, from];
    [keys, toKeys] = [toKeys, keys];
    if (shift + BITS >= 32) break;
  }
  return from;
}

/** Rows by dataset index, ascending or descending. */
export function indexOrder(rows: Uint32Array, descending: boolean): Uint32Array {
  const out = Uint32Array.from(rows).sort();
  return descending ? out.reverse() : out;
}

/** The next sort after a click on a column's header: ascending, then descending, then the dataset's order. */
export function nextSort(current: TableSort | null, column: string | null): TableSort | null {
  if (!current || current.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
