import { describe, expect, it } from 'vitest';
import type { NeighborsAnswer } from '../api/contract';
import { Layout } from '../data/layout';
import { context, item, settle } from '../testing/fakes';
import { SelectionController } from './selection';

function setup() {
  const ctx = context();
  ctx.store.item.value = item();
  return { ctx, store: ctx.store, selection: new SelectionController(ctx) };
}

describe('SelectionController', () => {
  it('replace, add and toggle', () => {
    const { store, selection } = setup();
    selection.select([1, 1, 2], 'replace');
    expect(store.view.selection.value).toEqual([1, 2]);
    selection.select([3], 'add');
    expect(store.view.selection.value).toEqual([1, 2, 3]);
    selection.select([2], 'toggle');
    expect(store.view.selection.value).toEqual([1, 3]);
    selection.clear();
    expect(store.view.selection.value).toEqual([]);
  });

  it('a lasso and a shift-click leave out rows filtered out', () => {
    const { ctx, store, selection } = setup();
    store.layout.value = new Layout(4);
    // Rows 0..3 at x = 10, 20, 30, 40 px; rows 1 and 2 are filtered out.
    ctx.scene.screenPositions = () => Float32Array.from([10, 10, 20, 10, 30, 10, 40, 10]);
    store.filterMask.value = Uint8Array.from([1, 0, 0, 1]);
    selection.lasso([[0, 0], [50, 0], [50, 20], [0, 20]]);
    expect([...store.view.selection.value].sort()).toEqual([0, 3]);
    selection.clear();
    selection.lasso([[21, 10]]);
    expect(store.view.selection.value).toEqual([]);
    store.filterMask.value = null;
    selection.lasso([[21, 10]]);
    expect(store.view.selection.value).toEqual([1]);
  });

  it('one selected point gets its neighbours; selecting more clears them', async () => {
    const { ctx, store, selection } = setup();
    selection.select([1], 'replace');
    await settle();
    expect(store.neighbors.value).toEqual({ of: 1, items: [{ index: 2, distance: 0.1 }] });
    selection.select([3], 'add');
    expect(store.neighbors.value.of).toBeNull();
    expect(store.neighbors.value.items).toEqual([]);
    expect(ctx.source.neighborCalls).toEqual([1]);
  });

  it('an answer for a point no longer selected is dropped', async () => {
    const { ctx, store, selection } = setup();
    const pending: ((a: NeighborsAnswer) => void)[] = [];
    ctx.source.neighborAnswer = () => new Promise((resolve) => pending.push(resolve));
    selection.select([1], 'replace');
    selection.select([2], 'replace');
    pending[1]({ point: 2, metric: 'cosine', neighbors: [{ index: 0, distance: 0.2 }] });
    pending[0]({ point: 1, metric: 'cosine', neighbors: [{ index: 3, distance: 0.3 }] });
    await settle();
    expect(store.neighbors.value).toEqual({ of: 2, items: [{ index: 0, distance: 0.2 }] });
  });

  it('a click on nothing clears the selection unless a modifier is held; ctrl-click toggles', () => {
    const { store, selection } = setup();
    selection.click(1, { shiftKey: false, ctrlKey: false, metaKey: false });
    selection.click(2, { shiftKey: false, ctrlKey: true, metaKey: false });
    expect(store.view.selection.value).toEqual([1, 2]);
    selection.click(null, { shiftKey: true, ctrlKey: false, metaKey: false });
    expect(store.view.selection.value).toEqual([1, 2]);
    selection.click(null, { shiftKey: false, ctrlKey: false, metaKey: false });
    expect(store.view.selection.value).toEqual([]);
  });
});
