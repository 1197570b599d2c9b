import { describe, expect, it } from 'vitest';
import { Layout } from '../data/layout';
import { context, item, settle } from '../testing/fakes';
import { FiltersController } from './filters';
import { SearchController } from './search';
import { SelectionController } from './selection';

/** Waits for the counts, which arrive a turn or more later as the worker's would. */
async function until(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i++) await settle();
  if (!check()) throw new Error(`timed out waiting for ${check}`);
}

function setup() {
  const ctx = context();
  const { store } = ctx;
  store.item.value = item({ points: 6 });
  const selection = new SelectionController(ctx);
  const search = new SearchController(ctx, selection);
  const filters = new FiltersController(ctx, search, true);
  store.metadata.value = {
    rows: 6,
    columns: [
      { name: 'label', kind: 'text', values: ['a', 'b', 'a', 'c', 'a', 'b'] },
      { name: 'score', kind: 'number', values: Array.from({ length: 6 }, (_, i) => i * 10) },
    ],
  };
  return { ctx, store, filters, search };
}

describe('FiltersController', () => {
  it('reads the columns and counts with no filter: no mask, no count', async () => {
    const { store, filters } = setup();
    await until(() => filters.counts.value !== null);
    expect(filters.profiles.value.map((p) => p.name)).toEqual(['label', 'score']);
    expect(filters.counts.value?.result.count).toBe(6);
    expect(store.filterMask.value).toBeNull();
    expect(store.filterCount.value).toBeNull();
  });

  it('writes the mask and count of the view\'s filters, and clears them', async () => {
    const { store, filters } = setup();
    await settle();
    filters.toggle('label', 'a');
    await until(() => store.filterCount.value === 3);
    expect(store.view.filters.value).toEqual([{ column: 'label', kind: 'values', mode: 'out', values: ['a'] }]);
    expect(store.filterCount.value).toBe(3);
    expect([...store.filterMask.value!]).toEqual([0, 1, 0, 1, 0, 1]);
    filters.solo('label', 'b');
    await until(() => store.filterCount.value === 2);
    expect(store.filterCount.value).toBe(2);
    filters.clearAll();
    await until(() => store.filterMask.value === null);
    expect(store.filterMask.value).toBeNull();
    expect(store.filterCount.value).toBeNull();
  });

  it('keeps only the rows of an isolated layout in the counts', async () => {
    const { store, filters } = setup();
    await settle();
    store.layout.value = new Layout(3);
    store.rows.value = Int32Array.from([0, 1, 2]);
    filters.pick('label', 'a', false);
    await until(() => store.filterCount.value !== null);
    expect(filters.counts.value?.result.total).toBe(3);
    expect(store.filterCount.value).toBe(2);
  });

  it('drops search matches that are filtered out', async () => {
    const { ctx, store, search } = setup();
    ctx.source.search = async () => ({ column: 'label', count: 3, indices: [0, 2, 4] });
    await settle();
    store.view.search.value = { column: 'label', query: 'a', regex: false };
    await search.run();
    expect(store.search.value.indices).toEqual([0, 2, 4]);
    // Six distinct numbers are read as categories, as the colouring reads them.
    store.view.filters.value = [{ column: 'score', kind: 'values', mode: 'in', values: ['20', '40', '50'] }];
    await until(() => store.search.value.indices.length === 2);
    expect(store.search.value).toEqual({ indices: [2, 4], count: 2, error: null });
  });
});
