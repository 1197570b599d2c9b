// The HTTP contract of docs/api.md as the page uses it. Shapes come from `schema.d.ts`, generated from
// the server's OpenAPI document (`openapi.json`, `npm run api-types`), so a changed C# contract shows
// up here as a type error. The document is looser than what the server actually sends (C# strings for
// what are fixed sets of words, doubles that may be "NaN", optional request fields), so each shape is
// narrowed below with `With` to what the page relies on; those narrowings are the only hand-written parts.

import type { components } from './schema';

type Schemas = components['schemas'];

/** Replaces fields of a generated shape with narrower ones. */
type With<T, Narrower> = Omit<T, keyof Narrower> & Narrower;

/** System.Text.Json writes non-finite doubles as these strings (named floating-point literals). */
type NamedFloat = 'NaN' | 'Infinity' | '-Infinity';

/** Every field present, neither null nor a named float: for request parts the page always fills. */
type Filled<T> = { [K in keyof T]-?: Exclude<T[K], null | undefined | NamedFloat> };

// Fixed sets of words the C# contracts carry as strings (their doc comments list them).
export type ColumnKind = 'text' | 'number';
export type Method = 'pca' | 'tsne' | 'umap' | 'custom';
export type Metric = 'cosine' | 'euclidean';
export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export type ColumnSummary = With<Schemas['ColumnInfo'], { kind: ColumnKind }>;
export type SpriteInfo = Schemas['SpriteInfo'];
export type CatalogItem = With<Schemas['CatalogItem'], { columns: ColumnSummary[] }>;
export type FormatInfo = Schemas['FormatInfo'];

export type AxisQuery = Filled<Schemas['AxisBlock']>;
export type Supervision = Filled<Schemas['SuperviseBlock']>;

/** The request the page sends: it always names the dataset, method and dims, and never sends NaN. */
export type ProjectionRequest = With<Schemas['ProjectionRequest'], {
  dataset: string;
  method: Method;
  dims: number;
  seed?: number;
  indices?: number[] | null;
  pca?: Filled<Schemas['PcaBlock']>;
  // The server reads learningRate as a JSON element: a number or "auto".
  tsne?: With<Partial<Filled<Schemas['TsneBlock']>>, { learningRate?: number | 'auto'; supervise?: Supervision | null }>;
  umap?: With<Partial<Filled<Schemas['UmapBlock']>>, { epochs?: number | null; supervise?: Supervision | null }>;
  custom?: { left: AxisQuery | null; right: AxisQuery | null; down: AxisQuery | null; up: AxisQuery | null };
  metric?: Metric;
  pcaDims?: number;
}>;

/**
 * A job as the page reads it. `phase` may be null: a static site's jobs have none. `cost` is null or
 * a number once parsed (a NaN cost is never sent as a status).
 */
export type Job = With<Schemas['JobInfo'], {
  method: Method;
  status: JobStatus;
  phase: string | null;
  cost: number | null;
  explainedVariance: number[] | null;
}>;

export type Neighbor = With<Schemas['NeighborItem'], { distance: number }>;
export type NeighborsAnswer = With<Schemas['NeighborsAnswer'], { metric: Metric; neighbors: Neighbor[] }>;
export type SearchAnswer = Schemas['SearchAnswer'];
export type TagColumnInfo = Schemas['TagColumnInfo'];
export type TagRequest = With<Schemas['TagRequest'], { value: string | null; indices: number[] }>;
export type PlaceAnswer = With<Schemas['PlaceAnswer'], { neighbors: Neighbor[][] }>;
export type ModelInfo = Schemas['ModelInfo'];

/** `state` is whatever the page saved (a view state); `readOnly` is absent in files written before it existed. */
export type Bookmark<TState = unknown> = With<Schemas['Bookmark'], { state: TState; readOnly?: boolean }>;

// Not in the OpenAPI document: the metadata endpoint streams its JSON itself (columns can be large).
export interface MetadataColumn {
  name: string;
  kind: ColumnKind;
  values: (string | number | null)[];
  /** A number column's cells as the file wrote them, present when that differs from String(value) (7.0, 1e3). */
  text?: string[];
  /** A fixed range for the colour gradient (a derived column such as the neighbourhood kept, 0 to 1). */
  domain?: [number, number];
}

export interface Metadata {
  rows: number;
  columns: MetadataColumn[];
}

export function isFinished(status: JobStatus): boolean {
  return status === 'done' || status === 'stopped' || status === 'failed';
}

/** One cluster of a layout (`GET /api/projections/{id}/clusters`); `center` is the medoid's position. */
export type ClusterSummary = With<Schemas['ClusterItem'], { center: number[] }>;
export type ClustersAnswer = With<Schemas['ClustersAnswer'], { clusters: ClusterSummary[] }>;
/** `GET /api/projections/{id}/quality` with its doubles narrowed to numbers (the page shows NaN as "n/a"). */
export type LayoutQualityFigures = With<Schemas['QualityAnswer'], { knnPreservation: number; trustworthiness: number; labelAccuracy: number | null; inputRecall: number | null }>;
