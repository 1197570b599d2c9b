// What the scene draws besides positions, derived from the store: point colours (faded where
// something else is highlighted) and the marks and labels of selected, matched and neighbouring points.

import { computed, type ReadonlySignal } from '@preact/signals-core';
import { buildMarks, fillColors, highlightMask, type Mark } from '../data/highlight';
import type { Store } from './store';

export interface PointColors {
  /** RGBA per layout row; the buffer is reused while the point count stays. */
  rgba: Uint8Array;
  version: number;
}

export interface Marks {
  marks: Mark[];
  labels: { row: number; text: string }[];
}

export function pointColors(store: Store): ReadonlySignal<PointColors | null> {
  let buffer = new Uint8Array(0);
  let version = 0;
  return computed(() => {
    const item = store.item.value;
    const encoding = store.encoding.value;
    if (!item || !encoding) return null;
    const n = store.layout.value?.points ?? item.points;
    if (buffer.length !== n * 4) buffer = new Uint8Array(n * 4);
    const mask = highlightMask(item.points, store.view.selection.value, store.search.value.indices, store.neighbors.value.items.map((nb) => nb.index));
    fillColors(buffer, encoding.rgb, store.rows.value, mask, store.filterMask.value, store.view.hideFiltered.value);
    return { rgba: buffer, version: ++version };
  });
}

export function pointMarks(store: Store): ReadonlySignal<Marks | null> {
  return computed(() => {
    if (!store.layout.value) return null;
    return buildMarks({
      selection: store.view.selection.value,
      matches: store.search.value.indices,
      neighbors: store.neighbors.value.items.map((nb) => nb.index),
      hovered: null,
      thinned: store.thinned.value,
      layoutRowOf: (r) => store.layoutRowOf(r),
      labelOf: (row) => store.labelOf(store.datasetRow(row)),
    });
  });
}
