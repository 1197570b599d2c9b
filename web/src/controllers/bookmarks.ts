// Saved views of the current dataset: list, save (with the camera as it is), delete, open.

import type { Bookmark } from '../api/contract';
import { messageOf } from '../api/problem';
import { viewStateOfBookmark, type ViewState } from '../data/view-state';
import { peekSnapshot } from '../state/view-signals';
import type { Context } from './context';

export class BookmarksController {
  constructor(private readonly ctx: Context, private readonly restore: (state: ViewState) => Promise<void>) {}

  async load(): Promise<void> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    if (!item) return;
    try {
      const list = await source.bookmarks<ViewState>(item.id);
      if (store.item.peek() === item) store.bookmarks.value = list;
    } catch (error) {
      store.error.value = messageOf(error);
    }
  }

  async save(name: string): Promise<void> {
    const { store, source, busy, scene } = this.ctx;
    const item = store.item.peek();
    if (!item) return;
    const state = { ...peekSnapshot(store.view), camera: scene.camera() };
    const list = store.bookmarks.peek();
    try {
      const saved = await busy.during('Saving the bookmark…', source.saveBookmark(item.id, name.trim() || `View ${list.length + 1}`, state));
      store.bookmarks.value = [...store.bookmarks.peek(), saved];
    } catch (error) {
      store.error.value = messageOf(error);
    }
  }

  async remove(bookmark: Bookmark<ViewState>): Promise<void> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    if (!item) return;
    try {
      await source.deleteBookmark(item.id, bookmark.id);
      store.bookmarks.value = store.bookmarks.peek().filter((b) => b.id !== bookmark.id);
    } catch (error) {
      store.error.value = messageOf(error);
    }
  }

  async open(bookmark: Bookmark<ViewState>): Promise<void> {
    const state = viewStateOfBookmark(bookmark.state);
    if (!state.dataset) state.dataset = this.ctx.store.item.peek()?.id ?? null;
    await this.restore(state);
  }
}
