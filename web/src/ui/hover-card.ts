// The card beside the pointer: the hovered point's label, index and colour value.

import type { Store } from '../state/store';
import { h } from './dom';
import { watch } from './watch';

export class HoverCard {
  readonly element = h('div', { class: 'hover-card', hidden: true });
  readonly dispose: () => void;

  constructor(store: Store) {
    this.dispose = watch(() => {
      const row = store.hovered.value;
      if (row === null || !store.layout.value) {
        this.element.hidden = true;
        return;
      }
      const datasetRow = store.datasetRow(row);
      const color = store.column(store.view.color.value);
      this.element.hidden = false;
      this.element.replaceChildren(h('strong', {}, store.labelOf(datasetRow)), h('span', { class: 'result-meta' }, ` #${datasetRow}`),
        color && color.name !== store.view.label.value ? h('div', { class: 'result-meta' }, `${color.name}: ${String(color.values[datasetRow] ?? '')}`) : '');
    });
  }
}
