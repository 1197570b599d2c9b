import { describe, expect, it } from 'vitest';
import { readBookmarkFile, writeBookmarkFile } from './bookmark-file';
import { defaultViewState } from './view-state';

describe('bookmark files', () => {
  it('read back what they write', () => {
    const state = { ...defaultViewState(), dataset: 'mnist', method: 'tsne' as const, selection: [3] };
    const text = writeBookmarkFile([{ name: 'sevens', description: 'the 7s', state }]);
    expect(readBookmarkFile(text, 'b.json')).toEqual([{ name: 'sevens', description: 'the 7s', state }]);
  });

  it('read the TensorFlow projector\'s bookmarks (an array of State)', () => {
    const tf = [{
      label: 'Clusters', isSelected: true, selectedProjection: 'tsne', tSNEis3d: false, tSNEPerplexity: 12, tSNELearningRate: 10,
      selectedPoints: [1, 4], selectedColorOptionName: 'label', selectedLabelOption: 'label', projections: [{ 'tsne-0': 1, 'tsne-1': 2 }],
      cameraDef: { orthographic: true },
    }, { label: 'Custom', selectedProjection: 'custom', customSelectedSearchByMetadataOption: 'word', customXLeftText: 'a.b', customXLeftRegex: false, customXRightText: '^c', customXRightRegex: true }];
    const [first, second] = readBookmarkFile(JSON.stringify(tf), 'state.txt');
    expect(first.name).toBe('Clusters');
    expect(first.state).toMatchObject({ method: 'tsne', dims: 2, selection: [1, 4], color: 'label', label: 'label' });
    expect(first.state.tsne).toMatchObject({ perplexity: 12, learningRate: 10 });
    expect(second.state.custom.left).toEqual({ column: 'word', pattern: 'a\\.b' });
    expect(second.state.custom.right).toEqual({ column: 'word', pattern: '^c' });
  });

  it('refuse what is not a bookmarks file, naming it', () => {
    expect(() => readBookmarkFile('{oops', 'b.json')).toThrow(/^b.json is not JSON/);
    expect(() => readBookmarkFile('{"x":1}', 'b.json')).toThrow(/b.json holds no bookmarks/);
    expect(() => readBookmarkFile('[1]', 'b.json')).toThrow(/bookmark 1 is not an object/);
  });
});
