// The DataSource of an exported static site (docs/api.md, "Static site layout"): files instead of the
// API. Search, neighbours beyond the precomputed lists, PCA and custom axes are computed in the page
// when the set is small enough; t-SNE and UMAP are only shown when the export precomputed them.

import { customAxes } from '../compute/custom';
import { bruteForceNeighbors, listedNeighbors, parseKnnLists, rowNorms, type KnnLists } from '../compute/knn';
import { principalComponents } from '../compute/pca';
import { searchMetadata } from '../compute/search';
import { ApiError, errorOf } from './problem';
import type { DataSource, FrameListener, LayoutClustersAnswer, MethodOffer, MethodOffers, Subscription } from './source';
import type { Bookmark, CatalogItem, ClustersAnswer, FormatInfo, Job, Metadata, Method, Metric, NeighborsAnswer, ProjectionRequest, SearchAnswer, TagColumnInfo } from './contract';
import type { PrecomputedLayout, PrecomputedNeighbors, SiteInfo } from './site-files';

/** Largest set whose neighbours the page searches by brute force. */
export const MAX_BROWSER_NEIGHBORS = 20_000;
/** Largest set the page computes PCA or custom axes for. */
export const MAX_BROWSER_PROJECTION = 50_000;

/** Tags are kept by the server, in its state folder. */
export const NO_TAGS = 'Tagging needs `projector serve`: a static site cannot keep tags.';
const READ_ONLY = 'Bookmarks of a static site are read-only; the address bar carries the view, so copy the link to keep or share it.';

interface DatasetFiles {
  metadata?: Promise<Metadata>;
  layouts?: Promise<PrecomputedLayout[]>;
  neighbors?: Promise<PrecomputedNeighbors[]>;
  lists: Map<string, Promise<KnnLists>>;
  positions: Map<string, Promise<{ positions: Float32Array; dims: number; explainedVariance: number[] | null; iteration: number }>>;
  matrix?: Promise<Float32Array>;
  norms?: Float64Array;
}

/** Reads `layouts.json`; entries that are malformed or name an unknown method are left out. */
export function parseLayouts(json: unknown): PrecomputedLayout[] {
  if (!Array.isArray(json)) throw new Error('layouts.json is not a JSON array.');
  const out: PrecomputedLayout[] = [];
  for (const e of json) {
    if (typeof e !== 'object' || e === null) continue;
    const x = e as Record<string, unknown>;
    if (!['pca', 'tsne', 'umap', 'custom'].includes(x.method as string)) continue;
    if (typeof x.file !== 'string' || !Number.isInteger(x.dims) || (x.dims as number) < 1) continue;
    out.push({
      method: x.method as Method,
      dims: x.dims as number,
      options: typeof x.options === 'object' && x.options !== null ? (x.options as Record<string, unknown>) : {},
      seed: typeof x.seed === 'number' ? x.seed : 42,
      file: x.file,
      explainedVariance: Array.isArray(x.explainedVariance) ? x.explainedVariance.filter((v): v is number => typeof v === 'number') : null,
      ...(typeof x.clusters === 'string' ? { clusters: x.clusters } : {}),
    });
  }
  return out;
}

/** Reads `neighbors.json`; malformed entries are left out. */
export function parseNeighborFiles(json: unknown): PrecomputedNeighbors[] {
  if (!Array.isArray(json)) throw new Error('neighbors.json is not a JSON array.');
  return json.filter((e): e is PrecomputedNeighbors => typeof e === 'object' && e !== null
    && (e.metric === 'cosine' || e.metric === 'euclidean') && Number.isInteger(e.k) && e.k > 0 && typeof e.file === 'string'
    && (e.chunkRows === undefined || (Number.isInteger(e.chunkRows) && e.chunkRows > 0)));
}

/** Rows `indices` of an N x dims layout, in that order: isolating shows points where they are. */
export function pickRows(positions: Float32Array, dims: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * dims);
  indices.forEach((r, i) => out.set(positions.subarray(r * dims, r * dims + dims), i * dims));
  return out;
}

export function methodTitle(method: Method): string {
  return method === 'pca' ? 'PCA' : method === 'tsne' ? 't-SNE' : method === 'umap' ? 'UMAP' : 'Custom axes';
}

/** What a static site can show for a dataset of `points` points with these precomputed layouts. */
export function staticOffers(points: number, layouts: readonly PrecomputedLayout[]): MethodOffers {
  const find = (m: Method) => layouts.find((l) => l.method === m) ?? null;
  const computable = points <= MAX_BROWSER_PROJECTION;
  const count = points.toLocaleString('en');
  const pca = find('pca');
  const offer = (m: 'tsne' | 'umap'): MethodOffer => {
    const l = find(m);
    return l
      ? { available: true, precomputed: l, reason: `${methodTitle(m)} was precomputed for this site (${describe(l)}); it cannot be re-run here.` }
      : { available: false, precomputed: null, reason: `${methodTitle(m)} was not precomputed for this site; export with --layouts ${m}.` };
  };
  return {
    pca: pca
      ? { available: true, precomputed: pca, reason: null }
      : computable
        ? { available: true, precomputed: null, reason: 'PCA is computed here in the browser.' }
        : { available: false, precomputed: null, reason: `PCA was not precomputed for this site, and ${count} points are too many to compute it in the browser (up to ${MAX_BROWSER_PROJECTION.toLocaleString('en')}); export with --layouts pca.` },
    tsne: offer('tsne'),
    umap: offer('umap'),
    custom: computable
      ? { available: true, precomputed: null, reason: 'Custom axes are computed here in the browser.' }
      : { available: false, precomputed: null, reason: `Custom axes need the vectors in the browser; ${count} points are too many (up to ${MAX_BROWSER_PROJECTION.toLocaleString('en')}).` },
  };
}

function describe(layout: PrecomputedLayout): string {
  const o = layout.options;
  const parts: string[] = [];
  if (layout.method === 'tsne') {
    if (o.perplexity !== undefined) parts.push(`perplexity ${String(o.perplexity)}`);
    if (o.iterations !== undefined) parts.push(`${String(o.iterations)} iterations`);
  } else if (layout.method === 'umap') {
    if (o.neighbors !== undefined) parts.push(`${String(o.neighbors)} neighbours`);
    if (o.minDist !== undefined) parts.push(`min distance ${String(o.minDist)}`);
  }
  if (typeof o.metric === 'string') parts.push(o.metric);
  parts.push(`seed ${layout.seed}`);
  return parts.join(', ');
}

export class StaticSource implements DataSource {
  readonly mode = 'static' as const;
  private catalog: Promise<CatalogItem[]> | null = null;
  private readonly files = new Map<string, DatasetFiles>();
  private readonly jobs = new Map<string, { job: Job; positions: Float32Array }>();
  private jobCount = 0;

  /** `base` is the site's folder (where `site.json` is); `site` its content. */
  constructor(private readonly base: URL, private readonly site: SiteInfo) {}

  /**
   * Reads `site.json` beside the page. A static export's names its catalog (`datasets`); the server's
   * names its API (`api`). Returns null when there is none, or it is not JSON (a dev server's fallback page).
   */
  static async siteInfo(base: URL): Promise<SiteInfo | null> {
    try {
      const response = await fetch(new URL('site.json', base), { headers: { Accept: 'application/json' } });
      if (!response.ok) return null;
      const json = (await response.json()) as SiteInfo;
      return typeof json === 'object' && json !== null && typeof json.version === 'number' ? json : null;
    } catch {
      return null;
    }
  }

  /** A static site reads only its own exported files; it takes no uploads. */
  formats(): Promise<FormatInfo[]> {
    return Promise.resolve([]);
  }

  datasets(): Promise<CatalogItem[]> {
    this.catalog ??= this.json<CatalogItem[]>(this.site.datasets ?? 'data/datasets.json', 'Listing the datasets');
    return this.catalog;
  }

  upload(): Promise<CatalogItem> {
    return Promise.reject(new ApiError('A static site cannot add datasets; run `projector serve` to upload files.', 405));
  }

  metadata(dataset: string): Promise<Metadata> {
    const f = this.of(dataset);
    f.metadata ??= this.json<Metadata>(this.path(dataset, 'metadata.json'), 'Loading the metadata');
    return f.metadata;
  }

  spriteUrl(item: CatalogItem): string | null {
    return item.sprite ? new URL(this.path(item.id, 'sprite.png'), this.base).toString() : null;
  }

  async offers(item: CatalogItem): Promise<MethodOffers> {
    return staticOffers(item.points, await this.layouts(item.id));
  }

  layouts(dataset: string): Promise<PrecomputedLayout[]> {
    const f = this.of(dataset);
    f.layouts ??= this.optionalJson(this.path(dataset, 'layouts.json'), 'Loading the list of layouts').then((j) => parseLayouts(j ?? []));
    return f.layouts;
  }

  async project(request: ProjectionRequest): Promise<Job> {
    const item = await this.item(request.dataset);
    const offer = (await this.offers(item))[request.method];
    if (!offer.available) throw new ApiError(offer.reason ?? `${methodTitle(request.method)} is not available on this site.`, 400);
    const full = await this.full(item, request, offer);
    const indices = request.indices ?? null;
    if (indices) {
      const bad = indices.find((r) => !Number.isInteger(r) || r < 0 || r >= item.points);
      if (bad !== undefined) throw new ApiError(`The point ${bad} is outside 0..${item.points - 1}.`, 400);
    }
    const positions = indices ? pickRows(full.positions, full.dims, indices) : full.positions;
    const id = `static-${++this.jobCount}`;
    const job: Job = {
      id, dataset: item.id, method: request.method, status: 'done', iteration: full.iteration, totalIterations: full.iteration,
      phase: null, cost: null, points: indices ? indices.length : item.points, dims: full.dims, cached: offer.precomputed !== null,
      error: null, explainedVariance: full.explainedVariance,
    };
    this.jobs.set(id, { job, positions });
    // Only the latest layouts are asked for again; older ones would just hold memory.
    for (const key of this.jobs.keys()) if (this.jobs.size > 4) this.jobs.delete(key);
    return job;
  }

  job(id: string): Promise<Job> {
    const entry = this.jobs.get(id);
    return entry ? Promise.resolve(entry.job) : Promise.reject(new ApiError(`There is no projection '${id}'.`, 404));
  }

  layout(id: string): Promise<{ iteration: number; positions: Float32Array }> {
    const entry = this.jobs.get(id);
    return entry ? Promise.resolve({ iteration: entry.job.iteration, positions: entry.positions }) : Promise.reject(new ApiError(`There is no projection '${id}'.`, 404));
  }

  control(id: string): Promise<Job> {
    return this.job(id);
  }

  frames(_id: string, listener: FrameListener): Subscription {
    // Every static projection is finished when it is made: there are no frames to stream.
    let open = true;
    queueMicrotask(() => {
      if (open) listener.closed(null);
    });
    return { close: () => (open = false) };
  }

  async neighbors(dataset: string, point: number, k: number, metric: Metric): Promise<NeighborsAnswer> {
    const item = await this.item(dataset);
    const most = Math.min(1000, item.points - 1);
    if (!Number.isInteger(k) || k < 1 || k > most) throw new ApiError(`k must be between 1 and ${most}, not ${k}.`, 400);
    if (!Number.isInteger(point) || point < 0 || point >= item.points) throw new ApiError(`The point ${point} is outside 0..${item.points - 1}.`, 400);
    const f = this.of(dataset);
    f.neighbors ??= this.optionalJson(this.path(dataset, 'neighbors.json'), 'Loading the list of neighbour files').then((j) => parseNeighborFiles(j ?? []));
    const files = await f.neighbors;
    const file = files.filter((x) => x.metric === metric && x.k >= k).sort((a, b) => a.k - b.k)[0];
    if (file) {
      // Chunked lists: only the chunk of this point (a few hundred KB at most); older sites: the one file.
      const chunk = file.chunkRows ? Math.floor(point / file.chunkRows) : 0;
      const first = file.chunkRows ? chunk * file.chunkRows : 0;
      const rows = file.chunkRows ? Math.min(file.chunkRows, item.points - first) : item.points;
      const name = file.chunkRows ? `${file.file}/${chunk}.bin` : file.file;
      let lists = f.lists.get(name);
      if (!lists) {
        lists = this.bytes(this.path(dataset, name), 'Loading the neighbour lists').then((b) => parseKnnLists(b, rows, file.k));
        f.lists.set(name, lists);
        lists.catch(() => f.lists.delete(name));
      }
      return { point, metric, neighbors: listedNeighbors(await lists, point - first, k) };
    }
    if (item.points > MAX_BROWSER_NEIGHBORS) {
      const have = files.map((x) => `${x.k} ${x.metric}`).join(', ');
      throw new ApiError(`This site has ${have ? `${have} neighbours per point` : 'no neighbour lists'}; ${k} ${metric} neighbours of ${item.points.toLocaleString('en')} points are too many to compute in the browser (up to ${MAX_BROWSER_NEIGHBORS.toLocaleString('en')} points).`, 400);
    }
    const matrix = await this.matrix(item);
    f.norms ??= rowNorms(matrix, item.dimensions);
    return { point, metric, neighbors: bruteForceNeighbors(matrix, item.dimensions, point, k, metric, f.norms) };
  }

  async search(dataset: string, column: string, query: string, regex: boolean): Promise<SearchAnswer> {
    return searchMetadata(await this.metadata(dataset), dataset, column, query, regex);
  }

  async bookmarks<T>(dataset: string): Promise<Bookmark<T>[]> {
    const list = await this.optionalJson(this.path(dataset, 'bookmarks.json'), 'Loading the bookmarks');
    return Array.isArray(list) ? (list as Bookmark<T>[]).map((b) => ({ ...b, readOnly: true })) : [];
  }

  saveBookmark<T>(): Promise<Bookmark<T>> {
    return Promise.reject(new ApiError(READ_ONLY, 405));
  }

  deleteBookmark(): Promise<void> {
    return Promise.reject(new ApiError(READ_ONLY, 405));
  }

  updateBookmark<T>(): Promise<Bookmark<T>> {
    return Promise.reject(new ApiError(READ_ONLY, 405));
  }

  async tags(): Promise<TagColumnInfo[]> {
    return [];
  }

  tag(): Promise<TagColumnInfo> {
    return Promise.reject(new ApiError(NO_TAGS, 405));
  }

  tagsTsv(): Promise<string> {
    return Promise.reject(new ApiError(NO_TAGS, 405));
  }

  /**
   * The exported clusters of a precomputed layout shown whole (an isolated subset has none: its points
   * were clustered with the rest), or null when the export has no clusters file for it.
   */
  async clusters(id: string): Promise<LayoutClustersAnswer | null> {
    const entry = this.jobs.get(id);
    if (!entry) throw new ApiError(`There is no projection '${id}'.`, 404);
    const { job } = entry;
    const item = await this.item(job.dataset);
    const layout = (await this.layouts(item.id)).find((l) => l.method === job.method);
    if (!layout?.clusters || job.points !== item.points) return null;
    const answer = await this.json<ClustersAnswer & { file?: string }>(this.path(item.id, layout.clusters), 'Loading the clusters');
    const file = typeof answer.file === 'string' ? answer.file : layout.clusters.replace(/\.json$/, '.i32');
    const bytes = await this.bytes(this.path(item.id, file), 'Loading the clusters of the points');
    if (bytes.byteLength !== item.points * 4) throw new ApiError(`The clusters file ${file} has ${bytes.byteLength} bytes, not ${item.points} int32 values.`, 500);
    return { answer, assignments: new Int32Array(bytes) };
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private async full(item: CatalogItem, request: ProjectionRequest, offer: MethodOffer) {
    const f = this.of(item.id);
    const key = request.method === 'custom' ? `custom:${JSON.stringify(request.custom)}` : request.method;
    let entry = f.positions.get(key);
    if (!entry) {
      entry = this.compute(item, request, offer);
      f.positions.set(key, entry);
      entry.catch(() => f.positions.delete(key));
    }
    return entry;
  }

  private async compute(item: CatalogItem, request: ProjectionRequest, offer: MethodOffer) {
    const l = offer.precomputed;
    if (l) {
      const bytes = await this.bytes(this.path(item.id, l.file), `Loading the ${methodTitle(l.method)} layout`);
      const positions = new Float32Array(bytes);
      if (positions.length !== item.points * l.dims) {
        throw new ApiError(`The ${methodTitle(l.method)} layout has ${positions.length} values, not ${item.points} x ${l.dims}.`, 500);
      }
      const iterations = Number(l.options.iterations ?? l.options.epochs ?? 0);
      return { positions, dims: l.dims, explainedVariance: l.explainedVariance, iteration: Number.isFinite(iterations) ? iterations : 0 };
    }
    const matrix = await this.matrix(item);
    if (request.method === 'pca') {
      const pca = await principalComponents(matrix, item.dimensions, request.pca?.components ?? 10, request.seed ?? 42);
      return { positions: pca.positions, dims: pca.components, explainedVariance: pca.explainedVariance, iteration: 0 };
    }
    if (request.method === 'custom' && request.custom) {
      return { positions: customAxes(matrix, item.dimensions, await this.metadata(item.id), request.custom), dims: 2, explainedVariance: null, iteration: 0 };
    }
    throw new ApiError(offer.reason ?? `${methodTitle(request.method)} is not available on this site.`, 400);
  }

  private matrix(item: CatalogItem): Promise<Float32Array> {
    const f = this.of(item.id);
    f.matrix ??= this.bytes(this.path(item.id, 'matrix.f32'), 'Loading the vectors').then((b) => {
      if (b.byteLength !== item.points * item.dimensions * 4) {
        throw new ApiError(`The vectors file has ${b.byteLength} bytes, not ${item.points} x ${item.dimensions} float32.`, 500);
      }
      return new Float32Array(b);
    });
    f.matrix.catch(() => (f.matrix = undefined));
    return f.matrix;
  }

  private async item(id: string): Promise<CatalogItem> {
    const item = (await this.datasets()).find((c) => c.id === id);
    if (!item) throw new ApiError(`There is no dataset '${id}'.`, 404);
    return item;
  }

  private of(dataset: string): DatasetFiles {
    let f = this.files.get(dataset);
    if (!f) {
      f = { lists: new Map(), positions: new Map() };
      this.files.set(dataset, f);
    }
    return f;
  }

  private path(dataset: string, file: string): string {
    return `data/${encodeURIComponent(dataset)}/${file}`;
  }

  private async fetch(path: string, what: string): Promise<Response> {
    const response = await fetch(new URL(path, this.base));
    if (!response.ok) throw await errorOf(response, what);
    return response;
  }

  private async json<T>(path: string, what: string): Promise<T> {
    return (await (await this.fetch(path, what)).json()) as T;
  }

  /** A JSON file an older or partial export may lack: null when it is not there. */
  private async optionalJson(path: string, what: string): Promise<unknown> {
    const response = await fetch(new URL(path, this.base));
    if (response.status === 404) return null;
    if (!response.ok) throw await errorOf(response, what);
    return response.json();
  }

  private async bytes(path: string, what: string): Promise<ArrayBuffer> {
    return (await this.fetch(path, what)).arrayBuffer();
  }
}
