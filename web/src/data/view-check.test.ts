import { describe, expect, it } from 'vitest';
import { checkView } from './view-check';
import { defaultViewState } from './view-state';

const facts = { points: 100, columns: ['label'], components: 10 };

describe('checkView', () => {
  it('keeps a view the dataset can show, without a word', () => {
    const state = { ...defaultViewState(), selection: [1, 2], isolated: [3, 4, 5] };
    expect(checkView(state, facts)).toEqual({ state, problems: [] });
  });

  it('drops points out of range and says which', () => {
    const { state, problems } = checkView({ ...defaultViewState(), selection: [5, 99999999] }, facts);
    expect(state.selection).toEqual([5]);
    expect(problems).toEqual(['Point 99,999,999 is not in this dataset (it has 100 points, 0 to 99) and is not selected.']);
  });

  it('replaces options out of the server\'s range with the defaults', () => {
    const bad = defaultViewState();
    bad.method = 'umap';
    bad.umap = { neighbors: 0, minDist: -1, supervise: 'colour' };
    bad.tsne = { ...bad.tsne, perplexity: 0 };
    const { state, problems } = checkView(bad, facts);
    expect(state.umap).toEqual({ neighbors: 15, minDist: 0.1, supervise: null });
    expect(state.tsne.perplexity).toBe(30);
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/UMAP's neighbours must be a whole number between 2 and 99 \(it was 0\); neighbours 15 is used instead\./);
    expect(problems.join(' ')).toMatch(/no column "colour"/);
  });

  it('shows everything when fewer than two isolated points remain', () => {
    const { state, problems } = checkView({ ...defaultViewState(), isolated: [1, 500] }, facts);
    expect(state.isolated).toBeNull();
    expect(problems[0]).toMatch(/Point 500 is not in this dataset/);
  });

  it('resets PCA components the dataset does not have', () => {
    const { state, problems } = checkView({ ...defaultViewState(), pca: [0, 1, 7] }, { ...facts, components: 3 });
    expect(state.pca).toEqual([0, 1, 2]);
    expect(problems).toHaveLength(1);
  });
});
