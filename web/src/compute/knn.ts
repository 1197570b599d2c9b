// Nearest neighbours in the page: precomputed all-points lists (as `projector export` writes them) and
// a brute-force search over the matrix for small sets. Distances follow the server's metrics.

import type { Metric, Neighbor } from '../api/contract';

/** An all-points kNN file: int32 N x K indices, then float32 N x K distances, nearest first. */
export interface KnnLists {
  points: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

/** Reads a `neighbors-{metric}-k{K}.bin` file; throws when its size does not fit N x K. */
export function parseKnnLists(buffer: ArrayBuffer, points: number, k: number): KnnLists {
  const expected = points * k * 8;
  if (buffer.byteLength !== expected) {
    throw new Error(`The neighbour lists should be ${expected} bytes for ${points} points x ${k} neighbours, not ${buffer.byteLength}.`);
  }
  return { points, k, indices: new Int32Array(buffer, 0, points * k), distances: new Float32Array(buffer, points * k * 4, points * k) };
}

/** The first `k` neighbours of `point` from precomputed lists (`k` at most the lists' K). */
export function listedNeighbors(lists: KnnLists, point: number, k: number): Neighbor[] {
  if (point < 0 || point >= lists.points) throw new Error(`The point ${point} is outside 0..${lists.points - 1}.`);
  const count = Math.min(k, lists.k);
  const out: Neighbor[] = [];
  for (let j = 0; j < count; j++) {
    const index = lists.indices[point * lists.k + j];
    if (index < 0) break; // fewer neighbours than K were found
    out.push({ index, distance: lists.distances[point * lists.k + j] });
  }
  return out;
}

/** Squared norms of the rows of an N x D matrix. */
export function rowNorms(matrix: Float32Array, dims: number): Float64Array {
  const n = matrix.length / dims;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * dims;
    for (let j = 0; j < dims; j++) s += matrix[base + j] * matrix[base + j];
    norms[i] = s;
  }
  return norms;
}

/**
 * The `k` nearest rows to row `point` by exact search, nearest first, the point itself left out.
 * Cosine distance is 1 − x·y / (‖x‖ ‖y‖) (1 against a zero vector); euclidean is ‖x − y‖.
 */
export function bruteForceNeighbors(matrix: Float32Array, dims: number, point: number, k: number, metric: Metric, norms?: Float64Array): Neighbor[] {
  const n = matrix.length / dims;
  if (point < 0 || point >= n) throw new Error(`The point ${point} is outside 0..${n - 1}.`);
  const sq = norms ?? rowNorms(matrix, dims);
  const q = point * dims;
  const qn = sq[point];
  const count = Math.max(0, Math.min(k, n - 1));
  // A bounded max-heap of the best `count` so far (distance, index).
  const hd = new Float64Array(count);
  const hi = new Int32Array(count);
  let size = 0;
  const push = (d: number, index: number) => {
    if (size < count) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(d, index, hd[p], hi[p])) break;
        hd[c] = hd[p];
        hi[c] = hi[p];
        c = p;
      }
      hd[c] = d;
      hi[c] = index;
      return;
    }
    if (!worse(hd[0], hi[0], d, index)) return;
    let c = 0;
    for (;;) {
      const l = c * 2 + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && worse(hd[r], hi[r], hd[l], hi[l]) ? r : l;
      if (!worse(hd[m], hi[m], d, index)) break;
      hd[c] = hd[m];
      hi[c] = hi[m];
      c = m;
    }
    hd[c] = d;
    hi[c] = index;
  };
  for (let i = 0; i < n; i++) {
    if (i === point || count === 0) continue;
    const base = i * dims;
    let dot = 0;
    for (let j = 0; j < dims; j++) dot += matrix[q + j] * matrix[base + j];
    let d: number;
    if (metric === 'cosine') {
      const denominator = Math.sqrt(qn * sq[i]);
      d = denominator > 0 ? 1 - dot / denominator : 1;
    } else {
      d = Math.sqrt(Math.max(0, qn + sq[i] - 2 * dot));
    }
    push(d, i);
  }
  const out: Neighbor[] = [];
  for (let i = 0; i < size; i++) out.push({ index: hi[i], distance: hd[i] });
  out.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return out.map((x) => ({ index: x.index, distance: Math.fround(x.distance) }));
}

/** True when (d1, i1) ranks after (d2, i2): farther, or as far with a larger index. */
function worse(d1: number, i1: number, d2: number, i2: number): boolean {
  return d1 > d2 || (d1 === d2 && i1 > i2);
}
