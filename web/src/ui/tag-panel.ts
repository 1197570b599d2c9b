// Tagging the selected points: a column (new, or one of the dataset's) and a value. The server keeps
// the tags; a static site has none to keep, so there the section says what serves them.

import type { DataSource } from '../api/source';
import { NO_TAGS } from '../api/static-source';
import type { TagsController } from '../controllers/tags';
import type { Store } from '../state/store';
import { field, h, section } from './dom';
import { watch } from './watch';

export class TagPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly names = h('datalist', { id: 'tag-column-names' });
  private readonly column = h('input', { type: 'text', testid: 'tag-column', list: 'tag-column-names', placeholder: 'new or existing column', spellcheck: 'false', maxlength: 128 });
  private readonly value = h('input', { type: 'text', testid: 'tag-value', placeholder: 'value', spellcheck: 'false', maxlength: 256 });
  private readonly apply = h('button', { type: 'button', class: 'primary', testid: 'tag-apply' }, 'Tag');
  private readonly remove = h('button', { type: 'button', testid: 'tag-remove', title: 'Remove the selected points’ tags in this column' }, 'Untag');
  private readonly download = h('button', { type: 'button', testid: 'tag-download', title: 'The tag columns, one line per dataset row' }, 'Tags .tsv');
  private readonly status = h('p', { class: 'hint', testid: 'tag-status', role: 'status' });
  private readonly list = h('ul', { class: 'result-list', testid: 'tag-columns' });

  constructor(store: Store, tags: TagsController, source: DataSource) {
    if (source.mode === 'static') {
      this.element = section('Tag', h('p', { class: 'hint', testid: 'tag-note' }, NO_TAGS));
      this.dispose = () => {};
      return;
    }
    const apply = (value: string) => void tags.apply(this.column.value, value);
    this.apply.addEventListener('click', () => apply(this.value.value));
    this.value.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') apply(this.value.value);
    });
    this.remove.addEventListener('click', () => apply(''));
    this.download.addEventListener('click', () => void tags.download());
    this.element = section('Tag',
      h('p', { class: 'hint' }, 'Put a value on the selected points, in a new column or over one of the dataset’s.'),
      h('div', { class: 'row2' }, field('Column', this.column), field('Value', this.value)), this.names,
      h('div', { class: 'buttons' }, this.apply, this.remove, this.download),
      this.status, this.list);
    this.dispose = watch(
      () => {
        const n = store.view.selection.value.length;
        const busy = tags.busy.value;
        this.apply.textContent = n > 0 ? `Tag ${n.toLocaleString('en-US')}` : 'Tag';
        this.apply.disabled = n === 0 || busy;
        this.remove.disabled = n === 0 || busy;
      },
      () => {
        this.names.replaceChildren(...store.columns.value.map((c) => h('option', { value: c.name })));
      },
      () => (this.status.textContent = tags.status.value),
      () => {
        const columns = tags.columns.value;
        this.download.disabled = columns.length === 0;
        this.list.replaceChildren(...columns.map((c) => h('li', { class: 'result', testid: 'tag-column-item' },
          h('span', { class: 'result-text' }, c.name), h('span', { class: 'result-meta' }, `${c.tagged.toLocaleString('en-US')} tagged${c.overrides ? ' (over the dataset’s)' : ''}`))));
      },
    );
  }
}
