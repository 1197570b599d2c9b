// Colour, label and sprite choices. The colour encoding and the point colours are derived in the store.

import type { Store } from '../state/store';

export class ColouringController {
  constructor(private readonly store: Store) {}

  /** `null` or '' is "no colour", kept as such in the URL and bookmarks. */
  setColor(name: string | null): void {
    this.store.view.color.value = name ?? '';
  }

  /** `null` or '' labels points by their index. */
  setLabel(name: string | null): void {
    this.store.view.label.value = name ?? '';
  }

  setSprites(show: boolean, tint: boolean): void {
    this.store.view.sprites.value = show;
    this.store.view.tint.value = tint;
  }
}
