import { describe, expect, it } from 'vitest';
import type { SearchAnswer } from '../api/contract';
import { context, item } from '../testing/fakes';
import { SearchController } from './search';
import { SelectionController } from './selection';

function setup() {
  const ctx = context();
  ctx.store.item.value = item();
  const selection = new SelectionController(ctx);
  return { ctx, store: ctx.store, search: new SearchController(ctx, selection) };
}

describe('SearchController', () => {
  it('keeps only the answer to the latest query', async () => {
    const { ctx, store, search } = setup();
    const pending: ((a: SearchAnswer) => void)[] = [];
    ctx.source.search = () => new Promise((resolve) => pending.push(resolve));
    store.view.search.value = { column: 'label', query: 'a', regex: true };
    const first = search.run();
    store.view.search.value = { column: 'label', query: 'b', regex: true };
    const second = search.run();
    pending[1]({ column: 'label', count: 2, indices: [1, 3] });
    pending[0]({ column: 'label', count: 2, indices: [0, 2] });
    await Promise.all([first, second]);
    expect(store.search.value).toEqual({ indices: [1, 3], count: 2, error: null });
  });

  it('a refused query shows its message and no matches', async () => {
    const { ctx, store, search } = setup();
    ctx.source.search = async () => {
      throw new Error('The pattern "(" is not a valid regular expression.');
    };
    store.view.search.value = { column: 'label', query: '(', regex: true };
    await search.run();
    expect(store.search.value).toEqual({ indices: [], count: 0, error: 'The pattern "(" is not a valid regular expression.' });
  });

  it('an empty query clears the matches without asking the source; select all selects the matches', async () => {
    const { store, search } = setup();
    store.view.search.value = { column: 'label', query: 'a', regex: true };
    await search.run();
    search.selectMatches();
    expect(store.view.selection.value).toEqual([0, 2]);
    store.view.search.value = { column: 'label', query: '', regex: true };
    await search.run();
    expect(store.search.value.indices).toEqual([]);
  });
});
