// What the page needs from its data, behind one interface: the live server today, exported files later.

import type {
  Bookmark, CatalogItem, Job, LayoutFrame, Metadata, Metric, NeighborsAnswer, ProjectionRequest, SearchAnswer,
} from './types';

/** Receives the frames and status changes of a running projection. */
export interface FrameListener {
  frame(frame: LayoutFrame): void;
  status(job: Job): void;
  /** The stream ended: after the last frame of a finished job, or on a broken connection (`error`). */
  closed(error: Error | null): void;
}

export interface Subscription {
  close(): void;
}

export interface DataSource {
  datasets(): Promise<CatalogItem[]>;
  /** Adds a dataset from files the user picked: a tensor (.tsv, .bytes, .npy) and optional metadata. */
  upload(files: { tensor: File; metadata: File | null; shape: string; name: string }): Promise<CatalogItem>;
  metadata(dataset: string): Promise<Metadata>;
  /** A URL the browser can load as an image, or null when the dataset has no sprite. */
  spriteUrl(item: CatalogItem): string | null;

  project(request: ProjectionRequest): Promise<Job>;
  job(id: string): Promise<Job>;
  layout(id: string): Promise<{ iteration: number; positions: Float32Array }>;
  control(id: string, action: 'pause' | 'resume' | 'stop'): Promise<Job>;
  frames(id: string, listener: FrameListener): Subscription;

  neighbors(dataset: string, point: number, k: number, metric: Metric): Promise<NeighborsAnswer>;
  search(dataset: string, column: string, query: string, regex: boolean): Promise<SearchAnswer>;

  bookmarks<T>(dataset: string): Promise<Bookmark<T>[]>;
  saveBookmark<T>(dataset: string, name: string, state: T): Promise<Bookmark<T>>;
  deleteBookmark(dataset: string, id: string): Promise<void>;
}
