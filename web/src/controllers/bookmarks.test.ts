import { describe, expect, it } from 'vitest';
import type { ViewState } from '../data/view-state';
import { context, item } from '../testing/fakes';
import { BookmarksController } from './bookmarks';

describe('BookmarksController', () => {
  it('saves the view with the camera as it is, names unnamed views, and deletes', async () => {
    const ctx = context();
    ctx.store.item.value = item();
    ctx.store.view.color.value = 'label';
    const bookmarks = new BookmarksController(ctx, async () => {});
    await bookmarks.save('  ');
    const saved = ctx.store.bookmarks.value[0];
    expect(saved.name).toBe('View 1');
    expect(saved.state).toMatchObject({ color: 'label', camera: { target: [0, 0, 0], zoom: 1 } });
    await bookmarks.remove(saved);
    expect(ctx.store.bookmarks.value).toEqual([]);
  });

  it('opening a bookmark without a dataset restores it on the open one', async () => {
    const ctx = context();
    ctx.store.item.value = item();
    const restored: ViewState[] = [];
    const bookmarks = new BookmarksController(ctx, async (state) => {
      restored.push(state);
    });
    await bookmarks.open({ id: 'b', name: 'b', created: null, state: { method: 'umap' } as never });
    expect(restored[0]).toMatchObject({ dataset: 'd', method: 'umap' });
  });

  it('a failed save leaves the list as it was and says why', async () => {
    const ctx = context();
    ctx.store.item.value = item();
    ctx.source.saveBookmark = async () => {
      throw new Error('The state folder is read-only.');
    };
    await new BookmarksController(ctx, async () => {}).save('x');
    expect(ctx.store.bookmarks.value).toEqual([]);
    expect(ctx.store.error.value).toBe('The state folder is read-only.');
  });
});
