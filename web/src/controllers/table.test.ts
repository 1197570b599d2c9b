import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { TableSorter } from '../compute/table-sorter';
import { Layout } from '../data/layout';
import { context, item, settle } from '../testing/fakes';
import { SelectionController } from './selection';
import { TableController, baseRows } from './table';

const METADATA: Metadata = {
  rows: 5,
  columns: [
    { name: 'word', kind: 'text', values: ['pear', 'apple', 'fig', 'apple', ''] },
    { name: 'n', kind: 'number', values: [3, 10, 2, null, 2] },
  ],
};

function setup() {
  const ctx = context();
  ctx.store.item.value = item({ points: 5 });
  ctx.store.metadata.value = METADATA;
  const selection = new SelectionController(ctx);
  const table = new TableController(ctx, selection, new TableSorter(false));
  table.open.value = true;
  return { ctx, store: ctx.store, selection, table };
}

describe('TableController', () => {
  it('lists the selection, else the rows passing the filters, else every row', () => {
    expect(baseRows(5, [3, 1, 9], null)).toEqual([Uint32Array.of(1, 3), 'selection']);
    expect(baseRows(5, [], Uint8Array.of(1, 0, 0, 1, 1))).toEqual([Uint32Array.of(0, 3, 4), 'filter']);
    expect(baseRows(3, [], null)).toEqual([Uint32Array.of(0, 1, 2), 'all']);
  });

  it('follows the selection and the filter mask', () => {
    const { store, table } = setup();
    expect([...table.rows.value]).toEqual([0, 1, 2, 3, 4]);
    store.filterMask.value = Uint8Array.of(0, 1, 1, 0, 0);
    expect([...table.rows.value]).toEqual([1, 2]);
    expect(table.source.value).toBe('filter');
    store.view.selection.value = [4];
    expect([...table.rows.value]).toEqual([4]);
    expect(table.source.value).toBe('selection');
  });

  it('sorts text and numbers, ties in dataset order, missing last', async () => {
    const { table } = setup();
    table.sortBy({ column: 'word', descending: false });
    await settle();
    expect([...table.rows.value]).toEqual([1, 3, 2, 0, 4]);
    table.sortBy({ column: 'n', descending: true });
    await settle();
    expect([...table.rows.value]).toEqual([1, 0, 2, 4, 3]);
    table.sortBy({ column: null, descending: true });
    await settle();
    expect([...table.rows.value]).toEqual([4, 3, 2, 1, 0]);
  });

  it('a click selects the row and keeps the rows listed, and flies the camera to it', async () => {
    const { ctx, store, table } = setup();
    const views: unknown[] = [];
    ctx.scene.setView = (_dims: 2 | 3, camera?: unknown) => {
      views.push(camera);
    };
    const layout = new Layout(5);
    layout.positions.set([0.5, -0.25, 0], 2 * 3);
    store.layout.value = layout;
    let moved = 0;
    table.onCamera = () => moved++;
    table.sortBy({ column: 'n', descending: false });
    await settle();
    const listed = table.rows.value;
    table.click(2);
    await settle();
    // The same rows object: the panel keeps its scroll position.
    expect(table.rows.value).toBe(listed);
    expect(store.view.selection.value).toEqual([2]);
    expect(table.rows.value.length).toBe(5);
    expect(moved).toBe(1);
    expect(views).toEqual([{ target: [0.5, -0.25, 0], zoom: expect.any(Number) }]);
    // A selection made elsewhere is listed.
    store.view.selection.value = [1, 2];
    await settle();
    expect([...table.rows.value]).toEqual([2, 1]);
  });

  it('re-sorts when a tag changes the column', async () => {
    const { store, table } = setup();
    table.sortBy({ column: 'word', descending: false });
    await settle();
    store.metadata.value = { ...METADATA, columns: [{ name: 'word', kind: 'text', values: ['a', 'z', 'b', 'y', 'c'] }, METADATA.columns[1]] };
    await settle();
    expect([...table.rows.value]).toEqual([0, 2, 4, 3, 1]);
  });

  it('does nothing while folded', () => {
    const { store, table } = setup();
    table.open.value = false;
    store.view.selection.value = [1];
    expect(table.rows.value.length).toBe(5);
  });
});
