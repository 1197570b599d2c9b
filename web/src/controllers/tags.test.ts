import { describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { context, item, settle } from '../testing/fakes';
import { TagsController } from './tags';

const METADATA: Metadata = { rows: 4, columns: [{ name: 'label', kind: 'text', values: ['a', 'b', 'a', 'b'] }] };

function setup() {
  const ctx = context();
  ctx.store.item.value = item();
  ctx.store.metadata.value = METADATA;
  return { ctx, store: ctx.store, tags: new TagsController(ctx) };
}

describe('TagsController', () => {
  it('sends the selection and merges the tag into the metadata at once', async () => {
    const { ctx, store, tags } = setup();
    store.view.selection.value = [1, 3];
    expect(await tags.apply(' reviewed ', 'yes')).toBe(true);
    expect(ctx.source.tagRequests).toEqual([{ column: 'reviewed', value: 'yes', indices: [1, 3] }]);
    expect(store.column('reviewed')?.values).toEqual(['', 'yes', '', 'yes']);
    expect(tags.columns.value).toEqual([{ name: 'reviewed', tagged: 2, overrides: false }]);
    expect(tags.status.value).toBe('Tagged 2 points: reviewed = yes.');
  });

  it('overrides an existing column', async () => {
    const { store, tags } = setup();
    store.view.selection.value = [0];
    await tags.apply('label', 'z');
    expect(store.column('label')?.values).toEqual(['z', 'b', 'a', 'b']);
    expect(store.columns.value).toHaveLength(1);
  });

  it('an empty value removes the tags: the metadata comes again from the server', async () => {
    const { ctx, store, tags } = setup();
    store.view.selection.value = [0];
    await tags.apply('label', 'z');
    await tags.apply('label', '');
    expect(ctx.source.tagRequests.at(-1)).toEqual({ column: 'label', value: null, indices: [0] });
    expect(store.column('label')?.values).toEqual(['a', 'b', 'a', 'b']);
  });

  it('refuses without a selection or a name, or with a line break, before asking the server', async () => {
    const { ctx, store, tags } = setup();
    expect(await tags.apply('x', 'y')).toBe(false);
    expect(tags.status.value).toBe('Select the points to tag first.');
    store.view.selection.value = [0];
    expect(await tags.apply('  ', 'y')).toBe(false);
    expect(tags.status.value).toBe('Name the column to put the value in.');
    expect(await tags.apply('x', 'a\tb')).toBe(false);
    expect(tags.status.value).toContain('without tabs or line breaks');
    expect(ctx.source.tagRequests).toEqual([]);
  });

  it('lists the tag columns of each dataset opened', async () => {
    const { ctx, store, tags } = setup();
    ctx.source.tags = async () => [{ name: 'kept', tagged: 3, overrides: false }];
    store.item.value = item({ id: 'e' });
    await settle();
    expect(tags.columns.value).toEqual([{ name: 'kept', tagged: 3, overrides: false }]);
  });
});
