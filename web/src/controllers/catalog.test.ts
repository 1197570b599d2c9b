import { describe, expect, it } from 'vitest';
import { defaultViewState } from '../data/view-state';
import { context, item, settle } from '../testing/fakes';
import { createControllers } from './controllers';

describe('CatalogController', () => {
  it('opens the first dataset with default columns, its projection and its search', async () => {
    const ctx = context();
    const c = createControllers(ctx);
    await c.catalog.start({ ...defaultViewState(), search: { column: null, query: 'a', regex: true } });
    await settle();
    const { store } = ctx;
    expect(store.item.value?.id).toBe('d');
    expect(store.view.dataset.value).toBe('d');
    expect(store.view.color.value).toBe('label');
    expect(store.view.search.value.column).toBe('label');
    expect(store.layout.value?.points).toBe(4);
    expect(store.search.value).toEqual({ indices: [0, 2], count: 2, error: null });
  });

  it('a link to a dataset that does not exist opens the latest step of the first group', async () => {
    const ctx = context();
    ctx.source.catalog = [item({ id: 'd1', step: 1 }), item({ id: 'd3', step: 3 }), item({ id: 'd2', step: 2 })];
    const c = createControllers(ctx);
    await c.catalog.start({ ...defaultViewState(), dataset: 'gone' });
    expect(ctx.store.item.value?.id).toBe('d3');
    // ...and says so: opening the dataset does not clear the message.
    expect(ctx.store.error.value).toMatch(/^There is no dataset "gone"/);
  });

  it('a link\'s points and options out of range are replaced and named', async () => {
    const ctx = context();
    const c = createControllers(ctx);
    await c.catalog.start({ ...defaultViewState(), dataset: 'd', selection: [1, 99], umap: { neighbors: 50, minDist: 0.1, supervise: null } });
    await settle();
    expect(ctx.store.view.selection.value).toEqual([1]);
    expect(ctx.store.view.umap.value.neighbors).toBe(3);
    expect(ctx.store.error.value).toMatch(/Point 99 is not in this dataset/);
    expect(ctx.store.error.value).toMatch(/UMAP's neighbours must be a whole number between 2 and 3 \(it was 50\)/);
  });

  it('restoring a view of the open dataset projects again only when the request changed', async () => {
    const ctx = context();
    const c = createControllers(ctx);
    await c.catalog.start(defaultViewState());
    await settle();
    const requests = ctx.source.requests.length;
    await c.catalog.restore({ ...defaultViewState(), dataset: 'd', dims: 3, selection: [1] });
    expect(ctx.source.requests.length).toBe(requests);
    expect(ctx.store.view.selection.value).toEqual([1]);
    expect(ctx.scene.is3d).toBe(true);
    await c.catalog.restore({ ...defaultViewState(), dataset: 'd', method: 'umap' });
    expect(ctx.source.requests.length).toBe(requests + 1);
  });

  it('picking another dataset starts from a fresh view, keeping 2-D/3-D', async () => {
    const ctx = context();
    ctx.source.catalog = [item(), item({ id: 'e', name: 'E', group: 'e' })];
    const c = createControllers(ctx);
    await c.catalog.start(defaultViewState());
    ctx.store.view.dims.value = 3;
    ctx.store.view.selection.value = [1];
    await c.catalog.pick(ctx.source.catalog[1]);
    expect(ctx.store.item.value?.id).toBe('e');
    expect(ctx.store.view.selection.value).toEqual([]);
    expect(ctx.store.view.dims.value).toBe(3);
  });
});
