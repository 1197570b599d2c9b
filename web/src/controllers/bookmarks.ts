// Saved views of the current dataset: list, save (with the camera as it is), rename, delete, open,
// and a JSON file out and in (the page's own or the TensorFlow projector's bookmarks).

import type { Bookmark } from '../api/contract';
import { messageOf } from '../api/problem';
import { readBookmarkFile, writeBookmarkFile } from '../data/bookmark-file';
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

  async save(name: string, description = ''): Promise<void> {
    const { store, source, busy, scene } = this.ctx;
    const item = store.item.peek();
    if (!item) return;
    const state = { ...peekSnapshot(store.view), camera: scene.camera() };
    const list = store.bookmarks.peek();
    try {
      const saved = await busy.during('Saving the bookmark…', source.saveBookmark(item.id, name.trim() || `View ${list.length + 1}`, state, description.trim() || null));
      store.bookmarks.value = [...store.bookmarks.peek(), saved];
    } catch (error) {
      store.error.value = messageOf(error);
    }
  }

  /** Renames and re-describes a bookmark; false when refused (the message is in the banner). */
  async update(bookmark: Bookmark<ViewState>, name: string, description: string): Promise<boolean> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    if (!item) return false;
    if (name.trim() === '') {
      store.error.value = 'A bookmark needs a name.';
      return false;
    }
    try {
      const changed = await source.updateBookmark<ViewState>(item.id, bookmark.id, { name: name.trim(), description: description.trim() });
      store.bookmarks.value = store.bookmarks.peek().map((b) => (b.id === bookmark.id ? changed : b));
      return true;
    } catch (error) {
      store.error.value = messageOf(error);
      return false;
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

  /** The dataset's bookmarks as the page's JSON file. */
  exportFile(): { name: string; text: string } {
    const { store } = this.ctx;
    const list = store.bookmarks.peek().map((b) => ({ name: b.name, description: b.description ?? null, state: viewStateOfBookmark(b.state) }));
    return { name: `${store.item.peek()?.id ?? 'projector'}-bookmarks.json`, text: writeBookmarkFile(list) };
  }

  /**
   * Saves every bookmark of a file (the page's export or a TensorFlow projector bookmarks file) to the
   * open dataset; returns how many were added. A file that cannot be read adds none.
   */
  async importFile(text: string, fileName: string): Promise<number> {
    const { store, source, busy } = this.ctx;
    const item = store.item.peek();
    if (!item) return 0;
    let entries;
    try {
      entries = readBookmarkFile(text, fileName);
    } catch (error) {
      store.error.value = messageOf(error);
      return 0;
    }
    let added = 0;
    try {
      await busy.during(`Importing ${entries.length} bookmark${entries.length === 1 ? '' : 's'}…`, (async () => {
        for (const entry of entries) {
          // A bookmark of another dataset (or of none, as the TensorFlow projector's) opens on this one.
          const saved = await source.saveBookmark(item.id, entry.name, { ...entry.state, dataset: item.id }, entry.description);
          if (store.item.peek() === item) store.bookmarks.value = [...store.bookmarks.peek(), saved];
          added++;
        }
      })());
    } catch (error) {
      store.error.value = `${messageOf(error)} ${added} of ${entries.length} bookmarks were imported.`;
    }
    return added;
  }
}
