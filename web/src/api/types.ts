// Shapes of the HTTP contract in docs/api.md. The page knows nothing else about the server.

export type ColumnKind = 'text' | 'number';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  distinct: number;
  missing: number;
}

export interface SpriteInfo {
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
}

export interface CatalogItem {
  id: string;
  name: string;
  points: number;
  dimensions: number;
  source: string;
  group: string;
  tensor: string | null;
  run: string | null;
  step: number | null;
  columns: ColumnSummary[];
  sprite: SpriteInfo | null;
  warnings: string[];
}

export interface MetadataColumn {
  name: string;
  kind: ColumnKind;
  values: (string | number | null)[];
  /** A number column's cells as the file wrote them, present when that differs from String(value) (7.0, 1e3). */
  text?: string[];
}

export interface Metadata {
  rows: number;
  columns: MetadataColumn[];
}

export type Method = 'pca' | 'tsne' | 'umap' | 'custom';
export type Metric = 'cosine' | 'euclidean';

export interface AxisQuery {
  column: string;
  pattern: string;
}

export interface Supervision {
  column: string;
  factor: number;
}

export interface ProjectionRequest {
  dataset: string;
  method: Method;
  dims: number;
  seed?: number;
  indices?: number[] | null;
  pca?: { components: number };
  tsne?: { perplexity?: number; learningRate?: number | 'auto'; iterations?: number; supervise?: Supervision | null };
  umap?: { neighbors?: number; minDist?: number; epochs?: number | null; supervise?: Supervision | null };
  custom?: { left: AxisQuery | null; right: AxisQuery | null; down: AxisQuery | null; up: AxisQuery | null };
  metric?: Metric;
  pcaDims?: number;
}

/** One entry of a static site's `layouts.json`: a finished layout stored as N x dims float32. */
export interface PrecomputedLayout {
  method: Method;
  dims: number;
  options: Record<string, unknown>;
  seed: number;
  file: string;
  explainedVariance: number[] | null;
}

/** One entry of a static site's `neighbors.json`: all-points kNN lists. */
export interface PrecomputedNeighbors {
  metric: Metric;
  k: number;
  file: string;
}

/** `site.json`: a static export names its catalog; the server names its API. */
export interface SiteInfo {
  version: number;
  generator?: string;
  datasets?: string;
  api?: string;
}

export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface Job {
  id: string;
  dataset: string;
  method: Method;
  status: JobStatus;
  iteration: number;
  totalIterations: number;
  phase: string | null;
  cost: number | null;
  points: number;
  dims: number;
  cached: boolean;
  error: string | null;
  explainedVariance: number[] | null;
}

export interface Neighbor {
  index: number;
  distance: number;
}

export interface NeighborsAnswer {
  point: number | null;
  metric: Metric;
  neighbors: Neighbor[];
}

export interface SearchAnswer {
  column: string;
  count: number;
  indices: number[];
}

export interface Bookmark<TState = unknown> {
  id: string;
  name: string;
  /** Null for bookmarks that come from a standalone config. */
  created: string | null;
  state: TState;
  /** A standalone config's bookmark: it can be opened but not deleted. */
  readOnly?: boolean;
}

/** Positions of one moment of a projection: `points` rows of `dims` float32 values. */
export interface LayoutFrame {
  iteration: number;
  totalIterations: number;
  points: number;
  dims: number;
  /** NaN when the cost was not computed at this iteration. */
  cost: number;
  positions: Float32Array;
}

export function isFinished(status: JobStatus): boolean {
  return status === 'done' || status === 'stopped' || status === 'failed';
}
