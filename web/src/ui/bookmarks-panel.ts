// Saved views of the dataset: save the current one with a name and description, restore, rename or
// delete (after a confirmation) any, and move them in and out as a JSON file.

import type { Bookmark } from '../api/contract';
import type { DataSource } from '../api/source';
import type { BookmarksController } from '../controllers/bookmarks';
import { download } from '../data/export';
import type { ViewState } from '../data/view-state';
import type { Store } from '../state/store';
import { h, section } from './dom';
import { watch } from './watch';

export class BookmarksPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly name = h('input', { type: 'text', testid: 'bookmark-name', placeholder: 'Name of this view', 'aria-label': 'Bookmark name' });
  private readonly description = h('textarea', { testid: 'bookmark-description', placeholder: 'What it shows (optional)', rows: 2, 'aria-label': 'Bookmark description' });
  private readonly save = h('button', { type: 'button', class: 'primary', testid: 'bookmark-save' }, 'Save');
  private readonly list = h('ul', { class: 'bookmark-list', testid: 'bookmark-list' });
  private readonly form: HTMLElement;
  private readonly note = h('p', { class: 'hint', testid: 'bookmarks-note', hidden: true },
    'This static site\'s bookmarks are read-only: views cannot be saved here. The address carries the view, so copy the link to keep or share one.');
  private readonly readOnly: boolean;
  /** The bookmark being renamed, or asked about before deleting. */
  private editing: string | null = null;
  private confirming: string | null = null;
  private current: Bookmark<ViewState>[] = [];

  constructor(store: Store, private readonly bookmarks: BookmarksController, source: DataSource) {
    this.readOnly = source.mode === 'static';
    const save = async () => {
      await bookmarks.save(this.name.value, this.description.value);
      this.name.value = '';
      this.description.value = '';
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
    const exportButton = h('button', { type: 'button', testid: 'bookmarks-export', title: 'Download these bookmarks as a JSON file' }, 'Export');
    exportButton.addEventListener('click', () => {
      const file = bookmarks.exportFile();
      download(file.name, file.text, 'application/json');
    });
    const importFile = h('input', { type: 'file', accept: '.json,application/json', testid: 'bookmarks-import-file', class: 'visually-hidden', tabindex: -1, 'aria-hidden': 'true' });
    const importButton = h('button', { type: 'button', testid: 'bookmarks-import', title: 'Add the bookmarks of a JSON file: one exported here, or a TensorFlow projector bookmarks file' }, 'Import…');
    importButton.addEventListener('click', () => importFile.click());
    importFile.addEventListener('change', async () => {
      const file = importFile.files?.[0];
      if (!file) return;
      await bookmarks.importFile(await file.text(), file.name);
      importFile.value = '';
    });
    importButton.hidden = this.readOnly;
    this.form = h('div', { class: 'bookmark-form' }, h('div', { class: 'bookmark-form-row' }, this.name, this.save), this.description);
    this.element = section('Bookmarks', this.form, this.note, this.list, h('div', { class: 'buttons' }, copy, exportButton, importButton, importFile));
    this.form.hidden = this.readOnly;
    this.note.hidden = !this.readOnly;
    this.dispose = watch(() => {
      this.current = store.bookmarks.value;
      this.render();
    });
  }

  private render(): void {
    const bookmarks = this.current;
    const readOnly = this.readOnly;
    if (bookmarks.length === 0) {
      this.list.replaceChildren(h('li', { class: 'hint' }, readOnly ? 'This site has no bookmarks.' : 'No saved views yet.'));
      return;
    }
    this.list.replaceChildren(...bookmarks.map((b) => (this.editing === b.id ? this.editor(b) : this.confirming === b.id ? this.confirmation(b) : this.item(b))));
  }

  private item(b: Bookmark<ViewState>): HTMLElement {
    const when = new Date(b.created ?? '');
    const meta = b.readOnly ? (this.readOnly ? 'read-only' : 'from the config') : Number.isNaN(when.getTime()) ? '' : when.toLocaleString();
    const open = h('button', { type: 'button', class: 'bookmark-open', title: `Restore "${b.name}"` },
      h('span', { class: 'bookmark-name' }, b.name), h('span', { class: 'result-meta' }, meta),
      b.description ? h('span', { class: 'bookmark-description', testid: 'bookmark-item-description' }, b.description) : null);
    open.addEventListener('click', () => void this.bookmarks.open(b));
    const li = h('li', { class: 'bookmark-item', testid: 'bookmark-item', 'data-id': b.id }, open);
    if (!b.readOnly) {
      const rename = h('button', { type: 'button', class: 'icon-button edit', title: `Rename "${b.name}"`, 'aria-label': `Rename ${b.name}`, testid: 'bookmark-rename' });
      rename.addEventListener('click', () => {
        this.editing = b.id;
        this.confirming = null;
        this.render();
        this.list.querySelector<HTMLInputElement>('[data-testid="bookmark-edit-name"]')?.focus();
      });
      const remove = h('button', { type: 'button', class: 'icon-button close', title: `Delete "${b.name}"`, 'aria-label': `Delete ${b.name}`, testid: 'bookmark-delete' });
      remove.addEventListener('click', () => {
        this.confirming = b.id;
        this.editing = null;
        this.render();
        this.list.querySelector<HTMLButtonElement>('[data-testid="bookmark-delete-confirm"]')?.focus();
      });
      li.append(rename, remove);
    }
    return li;
  }

  private editor(b: Bookmark<ViewState>): HTMLElement {
    const name = h('input', { type: 'text', testid: 'bookmark-edit-name', 'aria-label': 'New name' });
    name.value = b.name;
    const description = h('textarea', { testid: 'bookmark-edit-description', rows: 2, 'aria-label': 'New description', placeholder: 'What it shows (optional)' });
    description.value = b.description ?? '';
    const done = () => {
      this.editing = null;
      this.render();
    };
    const ok = h('button', { type: 'button', class: 'primary', testid: 'bookmark-edit-save' }, 'Save');
    ok.addEventListener('click', async () => {
      if (await this.bookmarks.update(b, name.value, description.value)) done();
    });
    const cancel = h('button', { type: 'button', testid: 'bookmark-edit-cancel' }, 'Cancel');
    cancel.addEventListener('click', done);
    name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') ok.click();
      if (e.key === 'Escape') done();
    });
    return h('li', { class: 'bookmark-item editing', testid: 'bookmark-item', 'data-id': b.id },
      h('div', { class: 'bookmark-editor' }, name, description, h('div', { class: 'buttons' }, ok, cancel)));
  }

  private confirmation(b: Bookmark<ViewState>): HTMLElement {
    const yes = h('button', { type: 'button', class: 'danger', testid: 'bookmark-delete-confirm' }, 'Delete');
    yes.addEventListener('click', async () => {
      this.confirming = null;
      await this.bookmarks.remove(b);
      this.render();
    });
    const no = h('button', { type: 'button', testid: 'bookmark-delete-cancel' }, 'Keep');
    no.addEventListener('click', () => {
      this.confirming = null;
      this.render();
    });
    return h('li', { class: 'bookmark-item confirming', testid: 'bookmark-item', 'data-id': b.id, role: 'alertdialog', 'aria-label': `Delete ${b.name}?` },
      h('span', { class: 'bookmark-question' }, `Delete "${b.name}"?`), h('div', { class: 'buttons' }, yes, no));
  }
}
