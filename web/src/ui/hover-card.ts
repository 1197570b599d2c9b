// The card beside the pointer: the hovered point's sprite image, label, index and colour value.

import type { Store } from '../state/store';
import { h } from './dom';
import { spriteTileStyle } from './sprite-tile';
import { watch } from './watch';

/** The sprite is shown at most this many CSS pixels wide or high (small tiles are enlarged to it). */
const SPRITE_SIZE = 64;

export class HoverCard {
  readonly element = h('div', { class: 'hover-card', hidden: true, testid: 'hover-card' });
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
      this.element.replaceChildren(this.sprite(store, datasetRow) ?? '',
        h('div', { class: 'hover-text' },
          h('strong', {}, store.labelOf(datasetRow)), h('span', { class: 'result-meta' }, ` #${datasetRow}`),
          color && color.name !== store.view.label.value ? h('div', { class: 'result-meta' }, `${color.name}: ${String(color.values[datasetRow] ?? '')}`) : ''));
    });
  }

  /** The point's tile of the sprite sheet, drawn as a scaled background; null without a sheet or tile. */
  private sprite(store: Store, datasetRow: number): HTMLElement | null {
    const info = store.item.value?.sprite;
    const url = store.spriteUrl.value;
    // Shown whether or not the map draws sprites: the card is where one point is looked at closely.
    if (!info || !url) return null;
    const style = spriteTileStyle(info, url, datasetRow, SPRITE_SIZE);
    if (style === null) return null;
    return h('div', { class: 'hover-sprite', testid: 'hover-sprite', role: 'img', 'aria-label': `Sprite of point ${datasetRow}`, style });
  }
}
