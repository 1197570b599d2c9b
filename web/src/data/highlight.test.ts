import { describe, expect, it } from 'vitest';
import { ALPHA_FADED, ALPHA_HIGHLIGHTED, ALPHA_NORMAL, MAX_SELECTION_RINGS, buildMarks, fillColors, highlightMask } from './highlight';

describe('highlightMask', () => {
  it('is null when nothing stands out and marks every listed row otherwise', () => {
    expect(highlightMask(4, [], [], [])).toBeNull();
    expect(Array.from(highlightMask(5, [0], [2], [4, 9])!)).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('fillColors', () => {
  const rgb = new Uint8Array([10, 11, 12, 20, 21, 22, 30, 31, 32]);

  it('copies colours and fades rows outside the mask', () => {
    const out = new Uint8Array(12);
    fillColors(out, rgb, null, new Uint8Array([0, 1, 0]));
    expect(Array.from(out)).toEqual([10, 11, 12, ALPHA_FADED, 20, 21, 22, ALPHA_HIGHLIGHTED, 30, 31, 32, ALPHA_FADED]);
  });

  it('follows the dataset rows of an isolated layout', () => {
    const out = new Uint8Array(8);
    fillColors(out, rgb, [2, 0], null);
    expect(Array.from(out)).toEqual([30, 31, 32, ALPHA_NORMAL, 10, 11, 12, ALPHA_NORMAL]);
  });
});

describe('buildMarks', () => {
  const base = {
    selection: [] as number[], matches: [] as number[], neighbors: [] as number[], hovered: null as number | null, thinned: [] as number[],
    layoutRowOf: (r: number) => (r === 99 ? -1 : r), labelOf: (row: number) => `p${row}`,
  };

  it('rings and labels the selection, neighbours and hovered point once each', () => {
    const { marks, labels } = buildMarks({ ...base, selection: [1], neighbors: [2, 3, 99], hovered: 1, thinned: [3, 4] });
    expect(marks).toEqual([
      { row: 2, kind: 'neighbor' }, { row: 3, kind: 'neighbor' }, { row: 1, kind: 'selected' }, { row: 1, kind: 'hover' },
    ]);
    expect(labels.map((l) => l.text)).toEqual(['p2', 'p3', 'p1', 'p4']);
  });

  it('leaves rings off a large selection', () => {
    const selection = Array.from({ length: MAX_SELECTION_RINGS + 1 }, (_, i) => i);
    const { marks, labels } = buildMarks({ ...base, selection });
    expect(marks).toHaveLength(0);
    expect(labels).toHaveLength(0);
  });

  it('labels matches only while there are few', () => {
    expect(buildMarks({ ...base, matches: [5, 6] }).labels).toHaveLength(2);
    const many = Array.from({ length: 60 }, (_, i) => i);
    const { marks, labels } = buildMarks({ ...base, matches: many });
    expect(marks).toHaveLength(60);
    expect(labels).toHaveLength(0);
  });
});
