import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { searchMetadata } from './search';

const metadata: Metadata = {
  rows: 5,
  columns: [
    { name: 'label', kind: 'text', values: ['7', '17', 'Seven', '', '7'] },
    { name: 'score', kind: 'number', values: [1, 7, null, 0.5, 70] },
  ],
};

describe('search over the metadata', () => {
  it('matches a case-insensitive regex in the named column', () => {
    expect(searchMetadata(metadata, 'd', 'label', '^7$', true)).toEqual({ column: 'label', count: 2, indices: [0, 4] });
    expect(searchMetadata(metadata, 'd', 'label', '^seven', true).indices).toEqual([2]);
  });

  it('matches a substring without regex, case-insensitive', () => {
    expect(searchMetadata(metadata, 'd', 'label', 'EVE', false).indices).toEqual([2]);
    expect(searchMetadata(metadata, 'd', 'label', '.', false).indices).toEqual([]);
  });

  it('uses the first column when none is named, and numbers as their text', () => {
    expect(searchMetadata(metadata, 'd', '', '7', false).indices).toEqual([0, 1, 4]);
    expect(searchMetadata(metadata, 'd', 'score', '^7', true).indices).toEqual([1, 4]);
  });

  it("matches a number column's file text when the server sent it, as the server's search does", () => {
    const written: Metadata = { rows: 3, columns: [{ name: 'digit', kind: 'number', values: [7, 7, null], text: ['7.0', '7', ''] }] };
    expect(searchMetadata(written, 'd', 'digit', '^7$', true).indices).toEqual([1]);
    expect(searchMetadata(written, 'd', 'digit', '^7\\.0$', true).indices).toEqual([0]);
    expect(searchMetadata(written, 'd', 'digit', '^$', true).indices).toEqual([2]);
  });

  it('matches a missing value as empty text, as the server does', () => {
    expect(searchMetadata(metadata, 'd', 'label', '^$', true).indices).toEqual([3]);
    expect(searchMetadata(metadata, 'd', 'score', '^$', true).indices).toEqual([2]);
  });

  it('names a bad regex and an unknown column in a readable sentence', () => {
    expect(() => searchMetadata(metadata, 'd', 'label', '(', true)).toThrow(/^'\(' is not a valid regular expression: /);
    expect(() => searchMetadata(metadata, 'd', 'nope', 'x', true)).toThrow("There is no metadata column 'nope'; the columns are label, score.");
  });
});
