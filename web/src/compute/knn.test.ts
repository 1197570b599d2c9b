import { describe, expect, it } from 'vitest';
import { bruteForceNeighbors, listedNeighbors, parseKnnLists } from './knn';

function knnFile(indices: number[], distances: number[]): ArrayBuffer {
  const buffer = new ArrayBuffer(indices.length * 8);
  new Int32Array(buffer, 0, indices.length).set(indices);
  new Float32Array(buffer, indices.length * 4, distances.length).set(distances);
  return buffer;
}

describe('precomputed neighbour lists', () => {
  // 3 points, K = 2: int32 indices first, then float32 distances.
  const file = knnFile([1, 2, 0, 2, 1, 0], [0.1, 0.5, 0.1, 0.2, 0.2, 0.5]);

  it('reads int32 indices then float32 distances, N x K each', () => {
    const lists = parseKnnLists(file, 3, 2);
    expect(Array.from(lists.indices)).toEqual([1, 2, 0, 2, 1, 0]);
    expect(lists.distances[3]).toBeCloseTo(0.2);
  });

  it('gives any k up to K, nearest first', () => {
    const lists = parseKnnLists(file, 3, 2);
    expect(listedNeighbors(lists, 1, 2).map((n) => n.index)).toEqual([0, 2]);
    expect(listedNeighbors(lists, 2, 1)).toEqual([{ index: 1, distance: Math.fround(0.2) }]);
    expect(listedNeighbors(lists, 0, 50)).toHaveLength(2);
  });

  it('refuses a file whose size does not fit N x K', () => {
    expect(() => parseKnnLists(file, 3, 3)).toThrow(/should be 72 bytes/);
    expect(() => listedNeighbors(parseKnnLists(file, 3, 2), 3, 1)).toThrow(/outside 0..2/);
  });
});

describe('brute-force neighbours', () => {
  // Rows: (1,0), (2,0), (0,1), (1,1), (0,0)
  const m = Float32Array.from([1, 0, 2, 0, 0, 1, 1, 1, 0, 0]);

  it('ranks by cosine distance 1 - cos, the point itself left out, a zero vector at 1', () => {
    const nb = bruteForceNeighbors(m, 2, 0, 4, 'cosine');
    expect(nb.map((n) => n.index)).toEqual([1, 3, 2, 4]);
    expect(nb[0].distance).toBeCloseTo(0);
    expect(nb[1].distance).toBeCloseTo(1 - Math.SQRT1_2, 5);
    expect(nb[2].distance).toBeCloseTo(1);
    expect(nb[3].distance).toBe(1);
  });

  it('ranks by euclidean distance', () => {
    const nb = bruteForceNeighbors(m, 2, 4, 3, 'euclidean');
    expect(nb.map((n) => n.index)).toEqual([0, 2, 3]);
    expect(nb.map((n) => n.distance)).toEqual([1, 1, Math.fround(Math.SQRT2)]);
  });

  it('keeps only the k nearest of many and caps k at N - 1', () => {
    const n = 500;
    const big = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) big.set([Math.cos(i), Math.sin(i * 0.7), i / n], i * 3);
    const all = bruteForceNeighbors(big, 3, 7, n, 'euclidean');
    expect(all).toHaveLength(n - 1);
    const few = bruteForceNeighbors(big, 3, 7, 10, 'euclidean');
    expect(few).toEqual(all.slice(0, 10));
    for (let i = 1; i < all.length; i++) expect(all[i].distance).toBeGreaterThanOrEqual(all[i - 1].distance);
  });
});
