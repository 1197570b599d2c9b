// Saved views of the dataset: save the current one, restore or delete any.

import type { Bookmark } from '../api/contract';
import type { DataSource } from '../api/source';
import type { BookmarksController } from '../controllers/bookmarks';
import type { ViewState } from '../data/view-state';
import type { Store } from '../state/store';
import { h, section } from './dom';
import { watch } from './watch';

export class BookmarksPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly name = h('input', { type: 'text', testid: 'bookmark-name', placeholder: 'Name of this view' });
  private readonly save = h('button', { type: 'button', class: 'primary', testid: 'bookmark-save' }, 'Save');
  private readonly list = h('ul', { class: 'bookmark-list', testid: 'bookmark-list' });
  private readonly form: HTMLElement;
  private readonly note = h('p', { class: 'hint', testid: 'bookmarks-note', hidden: true },
    'This static site\'s bookmarks are read-only: views cannot be saved here. The address carries the view, so copy the link to keep or share one.');
  private readonly readOnly: boolean;

  constructor(store: Store, private readonly bookmarks: BookmarksController, source: DataSource) {
    this.readOnly = source.mode === 'static';
    const save = async () => {
      await bookmarks.save(this.name.value);
      this.name.value = '';
    };
    this.save.addEventListener('click', () => void save());
    this.name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void save();
    });
    const copy = h('button', { type: 'button', testid: 'copy-link', title: 'The address of this page reopens this view' }, 'Copy link');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(location.href).then(() => {
        copy.textContent = 'Copied';
        setTimeout(() => (copy.textContent = 'Copy link'), 1500);
      }, () => (store.error.value = 'The browser did not allow copying; copy the address bar instead.'));
    });
    this.form = h('div', { class: 'bookmark-form' }, this.name, this.save);
    this.element = section('Bookmarks', this.form, this.note, this.list, h('div', { class: 'buttons' }, copy));
    this.form.hidden = this.readOnly;
    this.note.hidden = !this.readOnly;
    this.dispose = watch(() => this.render(store.bookmarks.value));
  }

  private render(bookmarks: Bookmark<ViewState>[]): void {
    const readOnly = this.readOnly;
    if (bookmarks.length === 0) {
      this.list.replaceChildren(h('li', { class: 'hint' }, readOnly ? 'This site has no bookmarks.' : 'No saved views yet.'));
      return;
    }
    this.list.replaceChildren(...bookmarks.map((b) => {
      const when = new Date(b.created ?? '');
      const open = h('button', { type: 'button', class: 'bookmark-open', title: `Restore "${b.name}"` },
        h('span', { class: 'bookmark-name' }, b.name), h('span', { class: 'result-meta' }, b.readOnly ? (readOnly ? 'read-only' : 'from the config') : Number.isNaN(when.getTime()) ? '' : when.toLocaleString()));
      open.addEventListener('click', () => void this.bookmarks.open(b));
      const remove = h('button', { type: 'button', class: 'icon-button', title: `Delete "${b.name}"`, 'aria-label': `Delete ${b.name}`, testid: 'bookmark-delete' });
      remove.classList.add('close');
      remove.addEventListener('click', () => void this.bookmarks.remove(b));
      return h('li', { class: 'bookmark-item', testid: 'bookmark-item', 'data-id': b.id }, open, b.readOnly ? '' : remove);
    }));
  }
}
