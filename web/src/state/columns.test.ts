import { describe, expect, it } from 'vitest';
import type { ColumnSummary, MetadataColumn } from '../api/contract';
import { defaultViewState } from '../data/view-state';
import { fitColumns } from './columns';

const columns: MetadataColumn[] = [
  { name: 'word', kind: 'text', values: ['a', 'b'] },
  { name: 'label', kind: 'number', values: [1, 2] },
];
const summary: ColumnSummary[] = [
  { name: 'word', kind: 'text', distinct: 2000, missing: 0 },
  { name: 'label', kind: 'number', distinct: 10, missing: 0 },
];

describe('fitColumns', () => {
  it('picks a categorical colour column, a text label column and searches the label', () => {
    const changes = fitColumns(defaultViewState(), columns, summary);
    expect(changes.color).toBe('label');
    expect(changes.label).toBe('word');
    expect(changes.search).toEqual({ column: 'word', query: '', regex: true });
  });

  it('keeps "none" chosen by the user, and leaves out fields that do not change', () => {
    const state = { ...defaultViewState(), color: '', label: 'word', search: { column: 'word', query: 'x', regex: false } };
    expect(fitColumns(state, columns, summary)).toEqual({});
  });

  it('when switching step (keep), a column the dataset lacks becomes none instead of a default', () => {
    const state = { ...defaultViewState(), color: 'gone', label: 'gone' };
    const changes = fitColumns(state, columns, summary, true);
    expect(changes.color).toBe('');
    expect(changes.label).toBe('');
  });

  it('drops custom axes and supervision over columns the dataset lacks', () => {
    const state = defaultViewState();
    state.custom = { left: { column: 'gone', pattern: 'a' }, right: { column: 'word', pattern: 'b' }, up: null, down: null };
    state.tsne = { ...state.tsne, supervise: 'gone' };
    const changes = fitColumns(state, columns, summary);
    expect(changes.custom).toEqual({ left: null, right: { column: 'word', pattern: 'b' }, up: null, down: null });
    expect(changes.tsne?.supervise).toBeNull();
    expect(changes.umap).toBeUndefined();
  });
});
