// Everything that makes a view reproducible: carried by the URL hash and saved in bookmarks.

import type { AxisQuery, Method, Metric } from '../api/contract';
import { normalizeFilters, type Filter } from './filters';

export interface Camera {
  target: [number, number, number];
  zoom: number;
  /** 3-D only. */
  rotationOrbit?: number;
  rotationX?: number;
}

export interface ViewState {
  dataset: string | null;
  method: Method;
  dims: 2 | 3;
  /** PCA components (0-based) on x, y and z. */
  pca: [number, number, number];
  tsne: { perplexity: number; learningRate: number | 'auto'; iterations: number; supervise: string | null; superviseFactor: number };
  umap: { neighbors: number; minDist: number; supervise: string | null };
  custom: { left: AxisQuery | null; right: AxisQuery | null; up: AxisQuery | null; down: AxisQuery | null };
  seed: number;
  /** The colour column; '' is no colour (chosen), null not chosen yet (the page picks one). */
  color: string | null;
  /** The label column; '' labels by index (chosen), null not chosen yet. */
  label: string | null;
  sprites: boolean;
  /** Sprites painted in their point's colour (true) or shown as they are. */
  tint: boolean;
  camera: Camera | null;
  selection: number[];
  /** Rows the projection is restricted to (isolate), or null for all. */
  isolated: number[] | null;
  neighbors: { k: number; metric: Metric };
  search: { column: string | null; query: string; regex: boolean };
  /** Filters on metadata columns (AND across columns); a view saved before filters existed has none. */
  filters: Filter[];
  /** Rows filtered out are hidden (true) or drawn dimmed. */
  hideFiltered: boolean;
}

export function defaultViewState(): ViewState {
  return {
    dataset: null,
    method: 'pca',
    dims: 2,
    pca: [0, 1, 2],
    tsne: { perplexity: 30, learningRate: 'auto', iterations: 750, supervise: null, superviseFactor: 0.5 },
    umap: { neighbors: 15, minDist: 0.1, supervise: null },
    custom: { left: null, right: null, up: null, down: null },
    seed: 42,
    color: null,
    label: null,
    sprites: true,
    tint: true,
    camera: null,
    selection: [],
    isolated: null,
    neighbors: { k: 20, metric: 'cosine' },
    search: { column: null, query: '', regex: true },
    filters: [],
    hideFiltered: false,
  };
}

/**
 * Reads a state saved by any version of the page (a bookmark, a link): unknown fields are ignored
 * and anything missing or malformed takes its default.
 */
export function normalizeViewState(input: unknown): ViewState {
  const d = defaultViewState();
  if (!isObject(input)) return d;
  const s = input;
  const tsne = isObject(s.tsne) ? s.tsne : {};
  const umap = isObject(s.umap) ? s.umap : {};
  const custom = isObject(s.custom) ? s.custom : {};
  const neighbors = isObject(s.neighbors) ? s.neighbors : {};
  const search = isObject(s.search) ? s.search : {};
  return {
    dataset: str(s.dataset) ?? d.dataset,
    method: oneOf(s.method, ['pca', 'tsne', 'umap', 'custom'] as const) ?? d.method,
    dims: s.dims === 3 ? 3 : 2,
    pca: Array.isArray(s.pca) && s.pca.length === 3 && s.pca.every(isIndex) ? (s.pca as [number, number, number]) : d.pca,
    tsne: {
      perplexity: num(tsne.perplexity) ?? d.tsne.perplexity,
      learningRate: tsne.learningRate === 'auto' ? 'auto' : (num(tsne.learningRate) ?? d.tsne.learningRate),
      iterations: num(tsne.iterations) ?? d.tsne.iterations,
      supervise: str(tsne.supervise) ?? null,
      superviseFactor: num(tsne.superviseFactor) ?? d.tsne.superviseFactor,
    },
    umap: {
      neighbors: num(umap.neighbors) ?? d.umap.neighbors,
      minDist: num(umap.minDist) ?? d.umap.minDist,
      supervise: str(umap.supervise) ?? null,
    },
    custom: { left: axis(custom.left), right: axis(custom.right), up: axis(custom.up), down: axis(custom.down) },
    seed: num(s.seed) ?? d.seed,
    color: typeof s.color === 'string' ? s.color : null,
    label: typeof s.label === 'string' ? s.label : null,
    sprites: s.sprites !== false,
    tint: s.tint !== false,
    camera: camera(s.camera),
    selection: Array.isArray(s.selection) ? s.selection.filter(isIndex) : [],
    isolated: Array.isArray(s.isolated) ? s.isolated.filter(isIndex) : null,
    neighbors: {
      k: num(neighbors.k) ?? d.neighbors.k,
      metric: oneOf(neighbors.metric, ['cosine', 'euclidean'] as const) ?? d.neighbors.metric,
    },
    search: { column: str(search.column) ?? null, query: str(search.query) ?? '', regex: search.regex !== false },
    filters: normalizeFilters(s.filters),
    hideFiltered: s.hideFiltered === true,
  };
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function oneOf<T extends string>(v: unknown, options: readonly T[]): T | undefined {
  return options.includes(v as T) ? (v as T) : undefined;
}

function axis(v: unknown): AxisQuery | null {
  if (!isObject(v) || typeof v.column !== 'string' || typeof v.pattern !== 'string' || v.pattern === '') return null;
  return { column: v.column, pattern: v.pattern };
}

function camera(v: unknown): Camera | null {
  if (!isObject(v) || !Array.isArray(v.target) || v.target.length !== 3 || !v.target.every((x) => num(x) !== undefined)) return null;
  const zoom = num(v.zoom);
  if (zoom === undefined) return null;
  const c: Camera = { target: v.target as [number, number, number], zoom };
  const orbit = num(v.rotationOrbit);
  const x = num(v.rotationX);
  if (orbit !== undefined) c.rotationOrbit = orbit;
  if (x !== undefined) c.rotationX = x;
  return c;
}

/**
 * Reads a bookmark of the TensorFlow Embedding Projector (its `State`: `selectedProjection`,
 * `selectedPoints`, `selectedColorOptionName`, ...), as a standalone config's `bookmarksPath` holds;
 * other objects go through `normalizeViewState`.
 */
export function viewStateOfBookmark(input: unknown): ViewState {
  if (!isObject(input) || typeof input.selectedProjection !== 'string') return normalizeViewState(input);
  const s = input;
  const state = defaultViewState();
  const method = oneOf(s.selectedProjection, ['pca', 'tsne', 'umap', 'custom'] as const) ?? 'pca';
  state.method = method;
  const pcs = Array.isArray(s.pcaComponentDimensions) ? s.pcaComponentDimensions.filter(isIndex) : [];
  if (pcs.length >= 2) state.pca = [pcs[0], pcs[1], pcs[2] ?? 2];
  state.dims = method === 'pca' ? (pcs.length >= 3 ? 3 : 2)
    : method === 'tsne' ? (s.tSNEis3d === false ? 2 : 3)
    : method === 'umap' ? (s.umapIs3d === false ? 2 : 3) : 2;
  const perplexity = num(s.tSNEPerplexity);
  if (perplexity !== undefined && perplexity > 0) state.tsne.perplexity = perplexity;
  const rate = num(s.tSNELearningRate);
  if (rate !== undefined && rate > 0) state.tsne.learningRate = rate;
  const neighbors = num(s.umapNeighbors);
  if (neighbors !== undefined && neighbors > 0) state.umap.neighbors = neighbors;
  const minDist = num(s.umapMinDist);
  if (minDist !== undefined && minDist >= 0) state.umap.minDist = minDist;
  // Custom axes: one column for all four texts, each a regex or plain text (escaped here).
  const column = str(s.customSelectedSearchByMetadataOption);
  if (column) {
    const query = (text: unknown, regex: unknown): AxisQuery | null => {
      const t = str(text);
      return t ? { column, pattern: regex === false ? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : t } : null;
    };
    state.custom = {
      left: query(s.customXLeftText, s.customXLeftRegex), right: query(s.customXRightText, s.customXRightRegex),
      up: query(s.customYUpText, s.customYUpRegex), down: query(s.customYDownText, s.customYDownRegex),
    };
  }
  state.selection = Array.isArray(s.selectedPoints) ? s.selectedPoints.filter(isIndex) : [];
  const filtered = Array.isArray(s.filteredPoints) ? s.filteredPoints.filter(isIndex) : [];
  state.isolated = filtered.length > 0 ? filtered : null;
  state.color = str(s.selectedColorOptionName) ?? null;
  state.label = str(s.selectedLabelOption) ?? null;
  return state;
}
