// The DataSource of `projector serve`: fetch for requests, a WebSocket for projection frames.

import { parseFrame } from './frame';
import { workerFrames } from './frame-channel';
import { ApiError, errorOf } from './problem';
import type { PlaceRequest } from './place';
import type { DataSource, FrameListener, LayoutClustersAnswer, LayoutQualityAnswer, MethodOffers, Subscription } from './source';
import type {
  Bookmark, CatalogItem, ClustersAnswer, FormatInfo, Job, LayoutQualityFigures, Metadata, Metric, ModelInfo, NeighborsAnswer, PlaceAnswer, ProjectionRequest, SearchAnswer,
  TagColumnInfo, TagRequest,
} from './contract';

export class HttpSource implements DataSource {
  /** `base` is the folder the API lives in, e.g. `new URL('api/', document.baseURI)`. */
  readonly mode = 'server' as const;

  constructor(private readonly base: URL) {}

  offers(): Promise<MethodOffers | null> {
    return Promise.resolve(null);
  }

  datasets(): Promise<CatalogItem[]> {
    return this.json('datasets', 'Listing the datasets');
  }

  formats(): Promise<FormatInfo[]> {
    return this.json('formats', 'Listing the file formats');
  }

  async upload(files: { tensor: File; metadata: File | null; shape: string; name: string }): Promise<CatalogItem> {
    const form = new FormData();
    form.append('tensor', files.tensor, files.tensor.name);
    if (files.metadata) form.append('metadata', files.metadata, files.metadata.name);
    if (files.shape.trim()) form.append('shape', files.shape.trim());
    if (files.name.trim()) form.append('name', files.name.trim());
    const response = await fetch(this.url('datasets'), { method: 'POST', body: form, headers: { Accept: 'application/json, application/problem+json' } });
    if (!response.ok) throw await errorOf(response, 'Uploading the dataset');
    return (await response.json()) as CatalogItem;
  }

  metadata(dataset: string): Promise<Metadata> {
    return this.json(`datasets/${enc(dataset)}/metadata`, 'Loading the metadata');
  }

  spriteUrl(item: CatalogItem): string | null {
    return item.sprite ? this.url(`datasets/${enc(item.id)}/sprite`).toString() : null;
  }

  project(request: ProjectionRequest): Promise<Job> {
    return this.json('projections', 'Starting the projection', { method: 'POST', body: JSON.stringify(request) });
  }

  job(id: string): Promise<Job> {
    return this.json(`projections/${enc(id)}`, 'Reading the projection');
  }

  async layout(id: string): Promise<{ iteration: number; positions: Float32Array }> {
    const response = await this.fetch(`projections/${enc(id)}/layout`, 'Loading the layout');
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength % 4 !== 0) throw new ApiError(`The layout has ${bytes.byteLength} bytes, not a whole number of float32 values.`, 500);
    return { iteration: Number(response.headers.get('X-Iteration') ?? 0), positions: new Float32Array(bytes) };
  }

  control(id: string, action: 'pause' | 'resume' | 'stop'): Promise<Job> {
    const verb = action === 'pause' ? 'Pausing' : action === 'resume' ? 'Resuming' : 'Stopping';
    // keepalive lets a stop sent while the page closes still reach the server.
    return this.json(`projections/${enc(id)}/${action}`, `${verb} the projection`, { method: 'POST', keepalive: true });
  }

  frames(id: string, listener: FrameListener): Subscription {
    const url = this.url(`projections/${enc(id)}/frames`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const inWorker = workerFrames(url, listener);
    if (inWorker) return inWorker;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      listener.closed(error);
    };
    socket.onmessage = (event: MessageEvent) => {
      try {
        if (typeof event.data === 'string') {
          const message = JSON.parse(event.data) as { type?: string } & Job;
          if (message.type === 'status') listener.status(message);
        } else {
          listener.frame(parseFrame(event.data as ArrayBuffer));
        }
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
        socket.close();
      }
    };
    socket.onerror = () => finish(new Error('The connection for the projection frames broke.'));
    socket.onclose = (event: CloseEvent) => finish(event.code === 1000 || event.code === 1005 ? null : new Error(event.reason || 'The connection for the projection frames closed unexpectedly.'));
    return {
      close: () => {
        done = true;
        socket.close();
      },
    };
  }

  async place(id: string, request: PlaceRequest): Promise<PlaceAnswer> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (request.contentType) headers['Content-Type'] = request.contentType;
    const query = request.query.toString();
    const url = this.url(`projections/${enc(id)}/place${query ? `?${query}` : ''}`);
    const response = await fetch(url, { method: 'POST', body: request.body, headers });
    if (!response.ok) throw await errorOf(response, 'Placing the new items');
    return (await response.json()) as PlaceAnswer;
  }

  model(): Promise<ModelInfo> {
    return this.json('model', 'Asking which model embeds new images');
  }

  neighbors(dataset: string, point: number, k: number, metric: Metric): Promise<NeighborsAnswer> {
    const query = new URLSearchParams({ point: String(point), k: String(k), metric });
    return this.json(`datasets/${enc(dataset)}/neighbors?${query}`, 'Finding the neighbours');
  }

  search(dataset: string, column: string, q: string, regex: boolean): Promise<SearchAnswer> {
    const query = new URLSearchParams({ q, column, regex: String(regex) });
    return this.json(`datasets/${enc(dataset)}/search?${query}`, 'Searching');
  }

  bookmarks<T>(dataset: string): Promise<Bookmark<T>[]> {
    return this.json(`datasets/${enc(dataset)}/bookmarks`, 'Loading the bookmarks');
  }

  saveBookmark<T>(dataset: string, name: string, state: T, description: string | null = null): Promise<Bookmark<T>> {
    return this.json(`datasets/${enc(dataset)}/bookmarks`, 'Saving the bookmark', { method: 'POST', body: JSON.stringify({ name, state, description }) });
  }

  updateBookmark<T>(dataset: string, id: string, change: { name?: string; description?: string }): Promise<Bookmark<T>> {
    return this.json(`datasets/${enc(dataset)}/bookmarks/${enc(id)}`, 'Changing the bookmark', { method: 'PATCH', body: JSON.stringify(change) });
  }

  async deleteBookmark(dataset: string, id: string): Promise<void> {
    await this.fetch(`datasets/${enc(dataset)}/bookmarks/${enc(id)}`, 'Deleting the bookmark', { method: 'DELETE' });
  }

  tags(dataset: string): Promise<TagColumnInfo[]> {
    return this.json(`datasets/${enc(dataset)}/tags`, 'Loading the tags');
  }

  tag(dataset: string, request: TagRequest): Promise<TagColumnInfo> {
    return this.json(`datasets/${enc(dataset)}/tags`, 'Tagging the points', { method: 'POST', body: JSON.stringify(request) });
  }

  async tagsTsv(dataset: string): Promise<string> {
    return (await this.fetch(`datasets/${enc(dataset)}/tags/tsv`, 'Downloading the tags')).text();
  }

  // The summary first, then the per-point array: the server computes both at once and caches them,
  // so the second request answers from its cache instead of queueing a second computation.
  async clusters(job: string, signal?: AbortSignal): Promise<LayoutClustersAnswer> {
    const answer = await this.json<ClustersAnswer>(`projections/${enc(job)}/clusters`, 'Finding the clusters', { signal });
    const bytes = await (await this.fetch(`projections/${enc(job)}/clusters/points`, 'Loading the clusters of the points', { signal })).arrayBuffer();
    if (bytes.byteLength !== answer.points * 4) throw new ApiError(`The clusters of the points have ${bytes.byteLength} bytes, not ${answer.points} int32 values.`, 500);
    return { answer, assignments: new Int32Array(bytes) };
  }

  async quality(job: string, signal?: AbortSignal): Promise<LayoutQualityAnswer> {
    const raw = await this.json<Record<string, unknown>>(`projections/${enc(job)}/quality`, 'Measuring the layout', { signal });
    const bytes = await (await this.fetch(`projections/${enc(job)}/quality/points`, 'Loading the neighbourhood kept per point', { signal })).arrayBuffer();
    const figures = qualityFigures(raw);
    if (bytes.byteLength !== figures.points * 4) throw new ApiError(`The neighbourhood kept per point has ${bytes.byteLength} bytes, not ${figures.points} float32 values.`, 500);
    return { figures, perPoint: new Float32Array(bytes) };
  }

  private url(path: string): URL {
    return new URL(path, this.base);
  }

  private async fetch(path: string, what: string, init?: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/octet-stream, application/problem+json' };
    if (init?.body) headers['Content-Type'] = 'application/json';
    const response = await fetch(this.url(path), { ...init, headers });
    if (!response.ok) throw await errorOf(response, what);
    return response;
  }

  private async json<T>(path: string, what: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, what, init);
    return (await response.json()) as T;
  }
}

/** The quality answer with its named floats ("NaN") read as numbers. */
export function qualityFigures(raw: Record<string, unknown>): LayoutQualityFigures {
  const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
  return {
    ...(raw as unknown as LayoutQualityFigures),
    knnPreservation: num(raw.knnPreservation),
    trustworthiness: num(raw.trustworthiness),
    labelAccuracy: raw.labelAccuracy === null || raw.labelAccuracy === undefined ? null : num(raw.labelAccuracy),
    inputRecall: raw.inputRecall === null || raw.inputRecall === undefined ? null : num(raw.inputRecall),
  };
}

function enc(part: string): string {
  return encodeURIComponent(part);
}
