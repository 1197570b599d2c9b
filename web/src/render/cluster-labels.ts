// The names of the layout's clusters on the map, at their medoids: buttons over the canvas (a click
// selects the cluster). Zoomed out, only the clusters big enough to matter are asked for, largest
// first and in larger type; zooming in lets smaller ones in, and the label placement keeps any two
// apart.

import type { ClusterSummary } from '../api/contract';
import { PRIORITY, type LabelRequest, type PlacedLabel } from './label-placement';
import { h } from '../ui/dom';

/** At the fitted view, a cluster needs this share of the points to be named; each zoom step in divides it by 4. */
export const FITTED_MIN_SHARE = 0.01;
export const CLUSTER_FONT = 'Inter, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** Type size of a cluster holding `share` of the points: 12 px for the smallest, up to 20 px. */
export function clusterFontSize(share: number): number {
  return Math.round(Math.min(20, 12 + 16 * Math.sqrt(Math.max(0, share))));
}

/**
 * The cluster labels worth asking a place for at this zoom, largest cluster first: those holding at
 * least FITTED_MIN_SHARE / 4^zoomedIn of the points (the largest always), whose medoid is on screen.
 */
export function clusterLabelRequests(
  clusters: readonly ClusterSummary[], total: number, zoomedIn: number, anchorOf: (row: number) => [number, number] | null,
): LabelRequest[] {
  const minShare = FITTED_MIN_SHARE / 4 ** Math.max(0, zoomedIn);
  const sorted = [...clusters].filter((c) => c.label !== '').sort((a, b) => b.size - a.size || a.id - b.id);
  const out: LabelRequest[] = [];
  sorted.forEach((c, i) => {
    const share = c.size / Math.max(1, total);
    if (i > 0 && share < minShare) return;
    const at = anchorOf(c.medoid);
    if (!at) return;
    out.push({ key: `c${c.id}`, x: at[0], y: at[1], text: c.label, priority: PRIORITY.cluster, size: clusterFontSize(share), kind: 'center' });
  });
  return out;
}

/** The cluster id of a placed cluster label's key (`c3` → 3). */
export function clusterIdOf(key: string): number {
  return Number(key.slice(1));
}

export class ClusterLabelsOverlay {
  readonly element = h('div', { class: 'cluster-labels', testid: 'cluster-labels' });
  private readonly buttons = new Map<string, HTMLButtonElement>();

  constructor(private readonly select: (cluster: number, add: boolean) => void) {}

  /** Shows exactly `placed` (cluster labels), reusing the buttons of labels already shown. */
  show(placed: readonly PlacedLabel[], clusters: readonly ClusterSummary[]): void {
    const byKey = new Map(clusters.map((c) => [`c${c.id}`, c]));
    const keep = new Set<string>();
    for (const p of placed) {
      const cluster = byKey.get(p.request.key);
      if (!cluster) continue;
      keep.add(p.request.key);
      let button = this.buttons.get(p.request.key);
      if (!button) {
        button = h('button', { type: 'button', class: 'cluster-label', testid: 'cluster-label' });
        const id = cluster.id;
        button.addEventListener('click', (e) => this.select(id, e.shiftKey || e.ctrlKey || e.metaKey));
        this.element.append(button);
        this.buttons.set(p.request.key, button);
      }
      if (button.textContent !== p.text) button.textContent = p.text;
      button.dataset.cluster = String(cluster.id);
      button.title = `${cluster.label} · ${cluster.size.toLocaleString('en')} points (click to select them)`;
      const style = button.style;
      style.fontSize = `${p.request.size}px`;
      style.left = `${p.box.x0}px`;
      style.top = `${p.box.y0}px`;
      style.width = `${p.box.x1 - p.box.x0}px`;
      style.height = `${p.box.y1 - p.box.y0}px`;
    }
    for (const [key, button] of this.buttons) {
      if (keep.has(key)) continue;
      button.remove();
      this.buttons.delete(key);
    }
  }
}
