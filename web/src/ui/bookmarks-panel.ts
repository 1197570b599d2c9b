// Saved views of the dataset: save the current one, restore or delete any.

import type { App, Panel } from './app';
import { h, section } from './dom';

export class BookmarksPanel implements Panel {
  readonly element: HTMLElement;
  private readonly name = h('input', { type: 'text', testid: 'bookmark-name', placeholder: 'Name of this view' });
  private readonly save = h('button', { type: 'button', class: 'primary', testid: 'bookmark-save' }, 'Save');
  private readonly list = h('ul', { class: 'bookmark-list', testid: 'bookmark-list' });
  private readonly form: HTMLElement;
  private readonly note = h('p', { class: 'hint', testid: 'bookmarks-note', hidden: true },
    'This static site\'s bookmarks are read-only: views cannot be saved here. The address carries the view, so copy the link to keep or share one.');
  private key = '';

  constructor(app: App) {
    const save = async () => {
      await app.saveBookmark(this.name.value);
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
      }, () => app.fail('The browser did not allow copying; copy the address bar instead.'));
    });
    this.form = h('div', { class: 'bookmark-form' }, this.name, this.save);
    this.element = section('Bookmarks', this.form, this.note, this.list, h('div', { class: 'buttons' }, copy));
  }

  update(app: App): void {
    const readOnly = app.source.mode === 'static';
    this.form.hidden = readOnly;
    this.note.hidden = !readOnly;
    const key = app.bookmarks.map((b) => b.id + b.name).join('|');
    if (key === this.key) return;
    this.key = key;
    if (app.bookmarks.length === 0) {
      this.list.replaceChildren(h('li', { class: 'hint' }, readOnly ? 'This site has no bookmarks.' : 'No saved views yet.'));
      return;
    }
    this.list.replaceChildren(...app.bookmarks.map((b) => {
      const when = new Date(b.created ?? '');
      const open = h('button', { type: 'button', class: 'bookmark-open', title: `Restore "${b.name}"` },
        h('span', { class: 'bookmark-name' }, b.name), h('span', { class: 'result-meta' }, b.readOnly ? (readOnly ? 'read-only' : 'from the config') : Number.isNaN(when.getTime()) ? '' : when.toLocaleString()));
      open.addEventListener('click', () => void app.openBookmark(b));
      const remove = h('button', { type: 'button', class: 'icon-button', title: `Delete "${b.name}"`, 'aria-label': `Delete ${b.name}`, testid: 'bookmark-delete' });
      remove.classList.add('close');
      remove.addEventListener('click', () => void app.deleteBookmark(b));
      return h('li', { class: 'bookmark-item', testid: 'bookmark-item', 'data-id': b.id }, open, b.readOnly ? '' : remove);
    }));
  }
}
