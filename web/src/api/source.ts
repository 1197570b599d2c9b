// What the page needs from its data, behind one interface: the live server today, exported files later.

import type { Bookmark, CatalogItem, ClustersAnswer, FormatInfo, Job, LayoutQualityFigures, Metadata, Method, Metric, ModelInfo, NeighborsAnswer, PlaceAnswer, ProjectionRequest, SearchAnswer, TagColumnInfo, TagRequest } from './contract';
import type { LayoutFrame } from './frame';
import type { PlaceRequest } from './place';
import type { PrecomputedLayout } from './site-files';

/** Receives the frames and status changes of a running projection. */
export interface FrameListener {
  frame(frame: LayoutFrame): void;
  status(job: Job): void;
  /** The stream ended: after the last frame of a finished job, or on a broken connection (`error`). */
  closed(error: Error | null): void;
}

export interface Subscription {
  close(): void;
  /** The page drew the last frame it was given and takes the next (sources that pace their frames listen). */
  ready?(): void;
}

/** Whether a projection method can be shown for a dataset, and why not. */
export interface MethodOffer {
  available: boolean;
  /** The layout a static site carries for this method; null when it is computed on demand. */
  precomputed: PrecomputedLayout | null;
  /** One sentence: why the method is not available, or how it is made when it is. */
  reason: string | null;
}

export type MethodOffers = Record<Method, MethodOffer>;

export interface DataSource {
  /** `server`: the live API. `static`: an exported site; no uploads, read-only bookmarks, no t-SNE/UMAP runs. */
  readonly mode: 'server' | 'static';
  /** What can be projected for a dataset; null when everything can (the server). */
  offers(item: CatalogItem): Promise<MethodOffers | null>;
  datasets(): Promise<CatalogItem[]>;
  /** The file formats the source reads; an upload takes those marked `upload` (empty for a static site). */
  formats(): Promise<FormatInfo[]>;
  /** Adds a dataset from files the user picked: a tensor (any uploadable format) and optional metadata. */
  upload(files: { tensor: File; metadata: File | null; shape: string; name: string }): Promise<CatalogItem>;
  metadata(dataset: string): Promise<Metadata>;
  /** A URL the browser can load as an image, or null when the dataset has no sprite. */
  spriteUrl(item: CatalogItem): string | null;

  project(request: ProjectionRequest): Promise<Job>;
  job(id: string): Promise<Job>;
  layout(id: string): Promise<{ iteration: number; positions: Float32Array }>;
  control(id: string, action: 'pause' | 'resume' | 'stop'): Promise<Job>;
  frames(id: string, listener: FrameListener): Subscription;
  /** Places new items into job `id`'s finished layout; absent where nothing can be placed (a static site). */
  place?(id: string, request: PlaceRequest): Promise<PlaceAnswer>;
  /** The model images are embedded with before they are placed (fields null without one); absent with `place`. */
  model?(): Promise<ModelInfo>;

  neighbors(dataset: string, point: number, k: number, metric: Metric): Promise<NeighborsAnswer>;
  search(dataset: string, column: string, query: string, regex: boolean): Promise<SearchAnswer>;

  bookmarks<T>(dataset: string): Promise<Bookmark<T>[]>;
  saveBookmark<T>(dataset: string, name: string, state: T, description?: string | null): Promise<Bookmark<T>>;
  /** Renames or re-describes a saved bookmark (a field left out stays; an empty description removes it). */
  updateBookmark<T>(dataset: string, id: string, change: { name?: string; description?: string }): Promise<Bookmark<T>>;
  deleteBookmark(dataset: string, id: string): Promise<void>;

  /** The dataset's tag columns (none on a static site, which cannot keep tags). */
  tags(dataset: string): Promise<TagColumnInfo[]>;
  /** Puts a value on points in a new or existing column; a null or empty value removes their tags. */
  tag(dataset: string, request: TagRequest): Promise<TagColumnInfo>;
  /** The tag columns as TSV: a header, then one line per dataset row. */
  tagsTsv(dataset: string): Promise<string>;
  /**
   * The clusters of a finished layout and the cluster of each of its points (−1 noise); null when the
   * source has none for it (a static site's isolated layout, an export made without them).
   */
  clusters?(job: string, signal?: AbortSignal): Promise<LayoutClustersAnswer | null>;
  /**
   * How well a finished layout keeps the input's neighbourhoods, and per point the share kept; absent on
   * a static site. Aborting `signal` lets the server drop the computation (the page moved on).
   */
  quality?(job: string, signal?: AbortSignal): Promise<LayoutQualityAnswer>;
}

export interface LayoutClustersAnswer {
  answer: ClustersAnswer;
  assignments: Int32Array;
}

export interface LayoutQualityAnswer {
  figures: LayoutQualityFigures;
  perPoint: Float32Array;
}
