import { describe, expect, it } from 'vitest';
import { decodeHash, decodeIndices, encodeHash, encodeIndices } from './url-state';
import { defaultViewState, normalizeViewState, viewStateOfBookmark } from './view-state';

describe('encodeHash / decodeHash', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeHash(defaultViewState())).toBe('');
    expect(decodeHash('')).toEqual(defaultViewState());
  });

  it('round-trips a full t-SNE view', () => {
    const s = defaultViewState();
    s.dataset = 'logs.run1.embedding.s200';
    s.method = 'tsne';
    s.dims = 3;
    s.tsne = { perplexity: 12, learningRate: 200, iterations: 1000, supervise: 'label', superviseFactor: 0.3 };
    s.color = 'label';
    s.label = 'word & more';
    s.sprites = false;
    s.tint = false;
    s.camera = { target: [0.1, -0.2, 0], zoom: 8.25, rotationOrbit: 30, rotationX: -15 };
    s.selection = [5, 1, 2, 3, 9];
    s.isolated = [1, 2, 3];
    s.neighbors = { k: 50, metric: 'euclidean' };
    s.search = { column: 'label', query: '^7$|a=b', regex: false };
    const back = decodeHash(encodeHash(s));
    expect(back).toEqual({ ...s, selection: [1, 2, 3, 5, 9] });
  });

  it('keeps "no colour" and "label by index" chosen by the user apart from "not chosen"', () => {
    const s = defaultViewState();
    s.dataset = 'mnist';
    s.color = '';
    s.label = '';
    const hash = encodeHash(s);
    expect(hash).toBe('#d=mnist&c=&l=');
    const back = decodeHash(hash);
    expect(back.color).toBe('');
    expect(back.label).toBe('');
    expect(decodeHash('#d=mnist').color).toBeNull();
    expect(normalizeViewState({ color: '' }).color).toBe('');
  });

  it('round-trips PCA components and custom axes with colons in the pattern', () => {
    const s = defaultViewState();
    s.pca = [2, 0, 5];
    expect(decodeHash(encodeHash(s)).pca).toEqual([2, 0, 5]);
    const c = defaultViewState();
    c.method = 'custom';
    c.custom = { left: { column: 'word', pattern: '^man$' }, right: { column: 'word', pattern: 'a:b' }, up: null, down: null };
    expect(decodeHash(encodeHash(c)).custom).toEqual(c.custom);
  });

  it('keeps the camera of a 2-D view without rotation', () => {
    const s = defaultViewState();
    s.camera = { target: [1, 2, 0], zoom: 7 };
    expect(encodeHash(s)).toContain('cam=1%2C2%2C0%2C7');
    expect(decodeHash(encodeHash(s)).camera).toEqual(s.camera);
  });

  it('ignores malformed values instead of failing', () => {
    const s = decodeHash('#m=nonsense&dim=7&perp=abc&cam=1,2&sel=3,x,5-4,7-8&metric=manhattan');
    expect(s.method).toBe('pca');
    expect(s.dims).toBe(2);
    expect(s.tsne.perplexity).toBe(30);
    expect(s.camera).toBeNull();
    expect(s.selection).toEqual([3, 7, 8]);
    expect(s.neighbors.metric).toBe('cosine');
  });
});

describe('index runs', () => {
  it('compresses consecutive indices and expands them back', () => {
    expect(encodeIndices([7, 1, 2, 3, 3, 10, 11])).toBe('1-3,7,10-11');
    expect(decodeIndices('1-3,7,10-11')).toEqual([1, 2, 3, 7, 10, 11]);
    expect(encodeIndices([])).toBe('');
    expect(decodeIndices('')).toEqual([]);
  });
});

describe('normalizeViewState', () => {
  it('fills in what an older bookmark lacks and drops bad values', () => {
    const s = normalizeViewState({ dataset: 'mnist', method: 'umap', selection: [1, -2, 2.5, 3], umap: { neighbors: 30 } });
    expect(s.dataset).toBe('mnist');
    expect(s.method).toBe('umap');
    expect(s.selection).toEqual([1, 3]);
    expect(s.umap).toEqual({ neighbors: 30, minDist: 0.1, supervise: null });
    expect(normalizeViewState(null)).toEqual(defaultViewState());
  });
});

describe('viewStateOfBookmark', () => {
  it('reads a TensorFlow projector bookmark', () => {
    const s = viewStateOfBookmark({
      label: 'tsne of digits', selectedProjection: 'tsne', tSNEis3d: false, tSNEPerplexity: 12, tSNELearningRate: 10,
      selectedPoints: [4, 2], filteredPoints: [], selectedColorOptionName: 'label', selectedLabelOption: 'label',
      pcaComponentDimensions: [0, 1, 2], projections: [{ 'tsne-0': 1 }],
    });
    expect(s.method).toBe('tsne');
    expect(s.dims).toBe(2);
    expect(s.tsne.perplexity).toBe(12);
    expect(s.tsne.learningRate).toBe(10);
    expect(s.selection).toEqual([4, 2]);
    expect(s.isolated).toBeNull();
    expect(s.color).toBe('label');
  });

  it('takes PCA components and isolation, and leaves our own states to normalizeViewState', () => {
    const s = viewStateOfBookmark({ selectedProjection: 'pca', pcaComponentDimensions: [1, 3], filteredPoints: [5, 6] });
    expect(s.pca).toEqual([1, 3, 2]);
    expect(s.dims).toBe(2);
    expect(s.isolated).toEqual([5, 6]);
    expect(viewStateOfBookmark({ method: 'umap' }).method).toBe('umap');
  });
});

describe('filters in the URL', () => {
  it('round-trip with the hide choice', () => {
    const s = defaultViewState();
    s.dataset = 'mnist';
    s.filters = [
      { column: 'label', kind: 'values', mode: 'out', values: ['3', ''] },
      { column: 'score & more', kind: 'range', min: 0.25, max: 12 },
    ];
    s.hideFiltered = true;
    const hash = encodeHash(s);
    expect(hash).toContain('f=label%2Cout%2C3%2C&');
    expect(decodeHash(hash)).toEqual(s);
  });

  it('a link or bookmark from before filters opens with none; malformed ones are dropped', () => {
    expect(decodeHash('#d=mnist&c=label').filters).toEqual([]);
    expect(decodeHash('#d=mnist').hideFiltered).toBe(false);
    expect(normalizeViewState({ dataset: 'mnist', color: 'label' }).filters).toEqual([]);
    expect(decodeHash('#d=mnist&f=label,in,1&f=bad&f=score,range,9,1').filters).toEqual([{ column: 'label', kind: 'values', mode: 'in', values: ['1'] }]);
    expect(viewStateOfBookmark({ selectedProjection: 'pca' }).filters).toEqual([]);
  });
});
