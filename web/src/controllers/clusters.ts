// The clusters and quality of the layout on screen: asked for once a layout is finished (a done or
// stopped job), dropped as soon as another layout starts, and turned into what the map shows (cluster
// labels, the quality figures, the "neighbourhood kept" column to colour by).

import { batch, effect } from '@preact/signals-core';
import { messageOf } from '../api/problem';
import type { MetadataColumn } from '../api/contract';
import type { Context } from './context';
import type { SelectionController } from './selection';

/** The derived column of the share of each point's input neighbours kept in the layout. */
export const NEIGHBORHOOD_KEPT = 'neighbourhood kept';

export class ClustersController {
  /** The job whose analysis was asked for last (a new job, or none, drops what came before). */
  private asked: string | null = null;
  /** Aborts the requests of the previous layout: the server then drops work nobody waits for. */
  private abort: AbortController | null = null;
  readonly dispose: () => void;

  constructor(private readonly ctx: Context, private readonly selection: SelectionController) {
    const { store } = ctx;
    this.dispose = effect(() => {
      const job = store.job.value;
      const item = store.item.value;
      const finished = job !== null && (job.status === 'done' || job.status === 'stopped') && job.dataset === item?.id;
      const id = finished ? job.id : null;
      if (id === this.asked) return;
      this.asked = id;
      this.abort?.abort();
      this.abort = null;
      this.clear();
      if (id !== null) void this.analyse(id);
    });
  }

  /** Selects the points of cluster `id` of the layout on screen (replacing, or adding with `add`). */
  selectCluster(id: number, add = false): void {
    const { store } = this.ctx;
    const clusters = store.layers.clusters.peek();
    if (!clusters) return;
    const rows: number[] = [];
    const a = clusters.assignments;
    for (let i = 0; i < a.length; i++) if (a[i] === id) rows.push(store.datasetRow(i));
    this.selection.select(rows, add ? 'add' : 'replace');
  }

  private clear(): void {
    const layers = this.ctx.store.layers;
    batch(() => {
      layers.clusters.value = null;
      layers.quality.value = null;
      layers.analysisError.value = null;
      if (layers.derivedColumns.peek().length > 0) layers.derivedColumns.value = [];
    });
  }

  private async analyse(job: string): Promise<void> {
    const { source, store } = this.ctx;
    const layers = store.layers;
    const current = () => this.asked === job;
    const abort = new AbortController();
    this.abort = abort;
    // Both are computed on the server's worker pool; one at a time leaves a thread to the other users.
    try {
      const found = source.clusters ? await source.clusters(job, abort.signal) : null;
      if (!current()) return;
      if (found) layers.clusters.value = { job, clusters: found.answer.clusters, assignments: found.assignments };
    } catch (error) {
      if (current()) layers.analysisError.value = `The clusters could not be found: ${messageOf(error)}`;
    }
    if (!source.quality) return;
    try {
      const quality = await source.quality(job, abort.signal);
      if (!current()) return;
      const item = store.item.peek();
      batch(() => {
        layers.quality.value = { job, figures: quality.figures, perPoint: quality.perPoint };
        if (item) layers.derivedColumns.value = [neighborhoodColumn(quality.perPoint, item.points, (row) => store.datasetRow(row))];
      });
    } catch (error) {
      if (current()) layers.analysisError.value = `The layout's quality could not be measured: ${messageOf(error)}`;
    }
  }
}

/** The per-layout-row shares as a number column over every dataset row (null for rows not shown), coloured 0 to 1. */
export function neighborhoodColumn(perPoint: Float32Array, points: number, datasetRow: (layoutRow: number) => number): MetadataColumn {
  const values: (number | null)[] = new Array<number | null>(points).fill(null);
  for (let i = 0; i < perPoint.length; i++) {
    const r = datasetRow(i);
    if (r >= 0 && r < points && Number.isFinite(perPoint[i])) values[r] = perPoint[i];
  }
  return { name: NEIGHBORHOOD_KEPT, kind: 'number', values, domain: [0, 1] };
}
