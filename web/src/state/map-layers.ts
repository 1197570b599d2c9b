// What the map layers show besides the points: the clusters and quality of the layout on screen, and
// the user's choices of density shading, cluster labels, point size and opacity. Written by the
// clusters controller and the appearance controls; read by the scene binding and the panels.

import { signal } from '@preact/signals-core';
import type { ClusterSummary, LayoutQualityFigures, MetadataColumn } from '../api/contract';

/** The clusters of the layout on screen: `assignments` is the cluster of each layout row (−1 noise). */
export interface LayoutClusters {
  job: string;
  clusters: ClusterSummary[];
  assignments: Int32Array;
}

/** The quality figures of the layout on screen and, per layout row, the share of its neighbours kept. */
export interface LayoutQuality {
  job: string;
  figures: LayoutQualityFigures;
  perPoint: Float32Array | null;
}

export class MapLayers {
  readonly clusters = signal<LayoutClusters | null>(null);
  readonly quality = signal<LayoutQuality | null>(null);
  /** Why the clusters or the quality could not be shown (one sentence), or null. */
  readonly analysisError = signal<string | null>(null);
  /** Columns the page derives (the neighbourhood kept per point), offered to colour by. */
  readonly derivedColumns = signal<MetadataColumn[]>([]);
  readonly showClusterLabels = signal(true);
  readonly showDensity = signal(false);
  /** Multiplies the automatic point size (0.25 to 4). */
  readonly pointScale = signal(1);
  /** Opacity of dots and sprites (0.05 to 1). */
  readonly pointOpacity = signal(1);
}
