// Test doubles for controller and panel tests: a data source answering from memory and a scene
// without a canvas. Only tests import this file.

import type { Bookmark, CatalogItem, FormatInfo, Job, Metadata, NeighborsAnswer, ProjectionRequest, TagColumnInfo, TagRequest } from '../api/contract';
import type { DataSource, FrameListener, MethodOffers } from '../api/source';
import type { Busy, Context, SceneView } from '../controllers/context';
import type { Camera } from '../data/view-state';
import { Store } from '../state/store';

export function item(over: Partial<CatalogItem> = {}): CatalogItem {
  return {
    id: 'd', name: 'D', points: 4, dimensions: 3, source: 'd.tsv', group: 'd', tensor: 'd', run: null, step: null,
    columns: [{ name: 'label', kind: 'text', distinct: 2, missing: 0 }], sprite: null, warnings: [], ...over,
  };
}

export const METADATA: Metadata = { rows: 4, columns: [{ name: 'label', kind: 'text', values: ['a', 'b', 'a', 'b'] }] };

export function job(over: Partial<Job> = {}): Job {
  return {
    id: 'j1', dataset: 'd', method: 'pca', status: 'done', iteration: 0, totalIterations: 0, phase: null, cost: null,
    points: 4, dims: 3, cached: false, error: null, explainedVariance: [0.5, 0.3, 0.2], ...over,
  };
}

/** Answers from memory; `refuse` makes the next projection request fail like a 400 from the server. */
export class FakeSource implements DataSource {
  readonly mode = 'server' as const;
  catalog = [item()];
  requests: ProjectionRequest[] = [];
  refuse: string | null = null;
  neighborCalls: number[] = [];
  neighborAnswer: (point: number) => Promise<NeighborsAnswer> = async (point) => ({
    point, metric: 'cosine', neighbors: [{ index: (point + 1) % 4, distance: 0.1 }],
  });

  async offers(): Promise<MethodOffers | null> {
    return null;
  }
  async datasets() {
    return this.catalog;
  }
  async formats(): Promise<FormatInfo[]> {
    return [{ name: 'npy', description: 'a NumPy .npy array', extensions: ['.npy'], write: true, upload: true, needsShape: false }];
  }
  async upload(): Promise<CatalogItem> {
    throw new Error('no uploads here');
  }
  async metadata() {
    return METADATA;
  }
  spriteUrl() {
    return null;
  }
  async project(request: ProjectionRequest) {
    this.requests.push(request);
    if (this.refuse) {
      const message = this.refuse;
      this.refuse = null;
      throw new Error(message);
    }
    return job({ method: request.method, dims: request.dims });
  }
  async job() {
    return job();
  }
  /** Rows x dims of the last request, each value distinct so every axis choice gives a different layout. */
  async layout() {
    const request = this.requests.at(-1)!;
    const rows = request.indices?.length ?? 4;
    return { iteration: 0, positions: Float32Array.from({ length: rows * request.dims }, (_, i) => i) };
  }
  async control() {
    return job();
  }
  frames(_id: string, _listener: FrameListener) {
    return { close: () => {} };
  }
  async neighbors(_dataset: string, point: number) {
    this.neighborCalls.push(point);
    return this.neighborAnswer(point);
  }
  async search() {
    return { column: 'label', count: 2, indices: [0, 2] };
  }
  async bookmarks<T>(): Promise<Bookmark<T>[]> {
    return [];
  }
  async saveBookmark<T>(_dataset: string, name: string, state: T, description: string | null = null) {
    return { id: name, name, created: null, state, readOnly: false, description };
  }
  async updateBookmark<T>(_dataset: string, id: string, change: { name?: string; description?: string }): Promise<Bookmark<T>> {
    return { id, name: change.name ?? id, created: null, state: {} as T, readOnly: false, description: change.description || null };
  }
  async deleteBookmark() {}
  /** Tag requests received, in order. */
  tagRequests: TagRequest[] = [];
  async tags(): Promise<TagColumnInfo[]> {
    return [];
  }
  async tag(_dataset: string, request: TagRequest): Promise<TagColumnInfo> {
    this.tagRequests.push(request);
    return { name: request.column, tagged: request.indices.length, overrides: request.column === 'label' };
  }
  async tagsTsv(): Promise<string> {
    return 'tag\n';
  }
}

export class FakeScene implements SceneView {
  is3d = false;
  fits = 0;
  setView(dims: 2 | 3): void {
    this.is3d = dims === 3;
  }
  fit(): void {
    this.fits++;
  }
  camera(): Camera {
    return { target: [0, 0, 0], zoom: 1 };
  }
  zoomedIn() {
    return 0;
  }
  size() {
    return { width: 100, height: 100 };
  }
  screenPositions() {
    return new Float32Array(0);
  }
}

export const instant: Busy = { during: (_label, work) => work };

export function context(source = new FakeSource()): Context & { source: FakeSource; scene: FakeScene } {
  return { store: new Store(), source, busy: instant, scene: new FakeScene() };
}

/** Lets pending promise callbacks and zero-delay timers run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
