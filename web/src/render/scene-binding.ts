// Keeps the scene in step with the store: each scene call runs when, and only when, the signals it
// draws from change. Also thins the labels shown when zoomed in, after the camera or the layout moved.

import { effect } from '@preact/signals-core';
import { thinLabels } from '../data/geometry';
import { pointColors, pointMarks } from '../state/points';
import type { Store } from '../state/store';
import { debounce } from '../ui/dom';
import type { ClusterLabelsOverlay } from './cluster-labels';
import { LabelPlacer } from './map-labels';
import type { Scene } from './scene';

export interface SceneBinding {
  /** Recomputes the thinned labels shortly (after the camera moved or the window was resized). */
  labelsSoon(): void;
  /** Where the labels were placed last (the browser tests read their boxes). */
  readonly placer: LabelPlacer;
  dispose(): void;
}

/** The scene calls the binding makes (tests record them). */
export type BoundScene = Pick<Scene, 'setPoints' | 'setMarks' | 'setSprite' | 'setShowSprites' | 'setHover' | 'setPlaced' | 'setUnpickable' | 'markActivity' | 'zoomedIn' | 'size' | 'screenPositions' | 'canvasOf'>
  & Partial<Pick<Scene, 'setStreaming' | 'onResize'>>;

export function bindScene(scene: BoundScene, store: Store, clusterLabels: ClusterLabelsOverlay | null = null): SceneBinding {
  const placer = new LabelPlacer(scene, store, clusterLabels);
  const colors = pointColors(store);
  const marks = pointMarks(store);

  /** When zoomed in, labels for as many points as fit without overlapping. */
  const labelsSoon = debounce(() => {
    const layout = store.layout.peek();
    let thinned: number[] = [];
    if (layout && scene.zoomedIn() > 1.5 && layout.points <= 2_000_000) {
      const { width, height } = scene.size();
      const order = Array.from({ length: layout.points }, (_, i) => i);
      thinned = thinLabels(scene.screenPositions(), order, width, height, 110, 28, 200);
    }
    if (store.thinned.peek().length > 0 || thinned.length > 0) store.thinned.value = thinned;
  }, 120);

  // The map changed size (a side panel folded, the window resized): the labels are placed again.
  scene.onResize?.(() => {
    placer.schedule();
    labelsSoon();
  });

  let drawnMask = store.filterMask.peek();
  const stops = [
    effect(() => {
      const layout = store.layout.value;
      store.layoutVersion.value;
      const c = colors.value;
      // New filter masks arrive while a brush moves: like frames of a projection, drawn within the frame budget.
      const mask = store.filterMask.peek();
      if (layout && c) scene.setPoints(layout, c.rgba, c.version, mask !== drawnMask);
      drawnMask = mask;
    }),
    effect(() => {
      store.layoutVersion.value;
      labelsSoon();
    }),
    effect(() => {
      const m = marks.value;
      if (m) placer.setMarks(m.marks, m.labels);
    }),
    effect(() => {
      const item = store.item.value;
      const url = store.spriteUrl.value;
      scene.setSprite(url && item?.sprite ? { url, info: item.sprite } : null, store.rows.value);
    }),
    effect(() => scene.setShowSprites(store.view.sprites.value, store.view.tint.value)),
    effect(() => scene.setPlaced(store.placedPositions.value)),
    effect(() => scene.setUnpickable(store.filterMask.value, store.rows.value)),
    effect(() => {
      // A brush changes the filters on every pointer move, before their counts and mask come back: the
      // picture stays in its moving budget until the hand stops, whatever the counts' latency.
      if (store.view.filters.value.length > 0 || store.filterMask.peek()) scene.markActivity();
    }),
    effect(() => {
      const status = store.job.value?.status;
      scene.setStreaming?.(status === 'running' || status === 'queued');
    }),
    effect(() => {
      const row = store.hovered.value;
      // Its own small layers: the rings and labels of everything else stay as they are.
      placer.setHover(row === null ? null : { row, text: store.labelOf(store.datasetRow(row)) });
    }),
    effect(() => {
      // The labels follow the camera, and the cluster names arrive or are switched on and off.
      store.view.camera.value;
      store.layoutVersion.value;
      store.layers.clusters.value;
      store.layers.showClusterLabels.value;
      placer.schedule();
    }),
  ];
  return { labelsSoon, placer, dispose: () => stops.forEach((stop) => stop()) };
}
