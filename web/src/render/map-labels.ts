// Every label on the map placed together, so none covers another: the hovered point's, the selected
// points', the neighbours', the cluster names and the thinned labels of a zoomed-in view, in that
// order of priority (render/label-placement.ts). Point labels are drawn by the scene's text layers
// at the offsets placed here; cluster names by the overlay of buttons.

import type { Mark } from '../data/highlight';
import type { Store } from '../state/store';
import { ClusterLabelsOverlay, clusterLabelRequests } from './cluster-labels';
import { PRIORITY, canvasMeasure, placeLabels, type LabelRequest, type PlacedLabel } from './label-placement';
import { LABEL_FONT, LABEL_SIZE, type SceneLabel } from './scene';

/** Widest label before it is cut with an ellipsis (CSS pixels). */
export const MAX_LABEL_WIDTH = 160;

export interface PlacingScene {
  setMarks(marks: Mark[], labels: SceneLabel[]): void;
  setHover(hover: SceneLabel | null): void;
  canvasOf(row: number): [number, number] | null;
  zoomedIn(): number;
  size(): { width: number; height: number };
}

export class LabelPlacer {
  private marks: Mark[] = [];
  private labels: { row: number; text: string }[] = [];
  private hover: { row: number; text: string } | null = null;
  private shownLabels = '';
  private shownHover = '';
  private frame = 0;
  private readonly measure = canvasMeasure(LABEL_FONT);

  constructor(private readonly scene: PlacingScene, private readonly store: Store, private readonly overlay: ClusterLabelsOverlay | null) {}

  /** New rings and label candidates: drawn now (the rings changed), with the labels placed. */
  setMarks(marks: Mark[], labels: { row: number; text: string }[]): void {
    this.marks = marks;
    this.labels = labels;
    this.place(true);
  }

  setHover(hover: { row: number; text: string } | null): void {
    this.hover = hover;
    this.place(false);
  }

  /** Places again at the next animation frame (the camera moved, clusters arrived). */
  schedule(): void {
    if (this.frame !== 0) return;
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16) as unknown as number;
    this.frame = raf(() => {
      this.frame = 0;
      this.place(false);
    });
  }

  /** The labels placed last, cluster names included (the browser tests read their boxes). */
  placed: PlacedLabel[] = [];

  private place(marksChanged: boolean): void {
    const store = this.store;
    const layout = store.layout.peek();
    const { width, height } = this.scene.size();
    const requests: LabelRequest[] = [];
    const hovered = this.hover && layout && this.hover.row < layout.points ? this.hover : null;
    if (layout) {
      const selected = new Set(store.view.selection.peek());
      const neighbors = new Set(store.neighbors.peek().items.map((n) => n.index));
      const matches = new Set(store.search.peek().indices);
      const point = (row: number, text: string, priority: number) => {
        const at = this.scene.canvasOf(row);
        if (at) requests.push({ key: `p${row}`, x: at[0], y: at[1], text, priority, size: LABEL_SIZE, kind: 'point' });
      };
      if (hovered) point(hovered.row, hovered.text, PRIORITY.hovered);
      for (const l of this.labels) {
        if (hovered && l.row === hovered.row) continue;
        const r = store.datasetRow(l.row);
        const priority = selected.has(r) ? PRIORITY.selected : neighbors.has(r) ? PRIORITY.neighbor : matches.has(r) ? PRIORITY.match : PRIORITY.other;
        point(l.row, l.text, priority);
      }
      const clusters = store.layers.clusters.peek();
      if (clusters && store.layers.showClusterLabels.peek() && clusters.assignments.length === layout.points && store.job.peek()?.id === clusters.job) {
        requests.push(...clusterLabelRequests(clusters.clusters, layout.points, this.scene.zoomedIn(), (row) => this.scene.canvasOf(row)));
      }
    }
    const placed = placeLabels(requests, { width, height, measure: this.measure, maxWidth: MAX_LABEL_WIDTH });
    this.placed = placed;
    const labels: SceneLabel[] = [];
    let hover: SceneLabel | null = null;
    for (const p of placed) {
      if (p.request.kind !== 'point') continue;
      const label = { row: Number(p.request.key.slice(1)), text: p.text, offset: p.offset };
      if (p.request.priority === PRIORITY.hovered) hover = label;
      else labels.push(label);
    }
    // A hovered point whose label found no room (off screen) still gets its ring and a label above it.
    if (hovered && !hover) hover = { row: hovered.row, text: hovered.text };
    const labelsKey = JSON.stringify(labels);
    if (marksChanged || labelsKey !== this.shownLabels) {
      this.shownLabels = labelsKey;
      this.scene.setMarks(this.marks, labels);
    }
    const hoverKey = JSON.stringify(hover);
    if (hoverKey !== this.shownHover) {
      this.shownHover = hoverKey;
      this.scene.setHover(hover);
    }
    const clusters = store.layers.clusters.peek();
    this.overlay?.show(placed.filter((p) => p.request.kind === 'center'), clusters?.clusters ?? []);
  }
}
