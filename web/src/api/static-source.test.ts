import { describe, expect, it } from 'vitest';
import { parseLayouts, parseNeighborFiles, pickRows, staticOffers } from './static-source';

describe('layouts.json', () => {
  const json = [
    { method: 'tsne', dims: 2, options: { perplexity: 30, learningRate: 'auto', iterations: 750, metric: 'cosine' }, seed: 42, file: 'layout-tsne.f32', explainedVariance: null },
    { method: 'pca', dims: 10, options: { components: 10 }, seed: 42, file: 'layout-pca.f32', explainedVariance: [0.1, 0.07] },
    { method: 'mds', dims: 2, file: 'layout-mds.f32' },
    { method: 'umap', dims: 0, file: 'x' },
  ];

  it('reads the precomputed layouts and leaves out unknown or malformed ones', () => {
    const layouts = parseLayouts(json);
    expect(layouts.map((l) => l.method)).toEqual(['tsne', 'pca']);
    expect(layouts[1]).toMatchObject({ dims: 10, file: 'layout-pca.f32', explainedVariance: [0.1, 0.07] });
    expect(layouts[0].options.perplexity).toBe(30);
    expect(() => parseLayouts({})).toThrow(/not a JSON array/);
  });

  it('offers precomputed layouts, PCA for small sets, and says why t-SNE and UMAP are not there', () => {
    const offers = staticOffers(10_000, parseLayouts(json));
    expect(offers.tsne.available).toBe(true);
    expect(offers.tsne.precomputed?.file).toBe('layout-tsne.f32');
    expect(offers.tsne.reason).toMatch(/perplexity 30, 750 iterations, cosine, seed 42/);
    expect(offers.umap).toEqual({ available: false, precomputed: null, reason: 'UMAP was not precomputed for this site; export with --layouts umap.' });
    expect(offers.pca.precomputed?.dims).toBe(10);

    const bare = staticOffers(10_000, []);
    expect(bare.pca).toMatchObject({ available: true, precomputed: null });
    expect(bare.tsne.reason).toBe('t-SNE was not precomputed for this site; export with --layouts tsne.');
    expect(bare.custom.available).toBe(true);

    const large = staticOffers(120_000, []);
    expect(large.pca.available).toBe(false);
    expect(large.pca.reason).toMatch(/120,000 points are too many .*\(up to 50,000\)/);
    expect(large.custom.available).toBe(false);
  });
});

describe('neighbors.json', () => {
  it('reads the list files and leaves out malformed entries', () => {
    expect(parseNeighborFiles([
      { metric: 'cosine', k: 50, file: 'neighbors-cosine-k50.bin' },
      { metric: 'manhattan', k: 5, file: 'x' },
      { metric: 'euclidean', k: 0, file: 'y' },
    ])).toEqual([{ metric: 'cosine', k: 50, file: 'neighbors-cosine-k50.bin' }]);
  });

  it('reads chunked lists, and refuses a chunk size that is not a positive whole number', () => {
    expect(parseNeighborFiles([
      { metric: 'euclidean', k: 100, file: 'neighbors-euclidean-k100', chunkRows: 327 },
      { metric: 'cosine', k: 100, file: 'neighbors-cosine-k100', chunkRows: 0 },
    ])).toEqual([{ metric: 'euclidean', k: 100, file: 'neighbors-euclidean-k100', chunkRows: 327 }]);
  });
});

describe('isolating in a static site', () => {
  it('keeps the chosen rows where they are, in the order asked', () => {
    const positions = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(pickRows(positions, 2, [3, 1]))).toEqual([3, 3, 1, 1]);
  });
});
