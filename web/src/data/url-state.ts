// The view in the URL hash, as short readable parameters, so a link reopens the same view:
// #d=mnist&m=tsne&dim=3&c=label&cam=0,0,0,8.5,30,20&sel=1-5,9
// Only values that differ from the defaults are written.

import type { AxisQuery } from '../api/contract';
import { decodeFilter, encodeFilter } from './filters';
import { type ViewState, defaultViewState, normalizeViewState } from './view-state';

/** Longer selections are left out of the URL (bookmarks keep them). */
export const MAX_URL_INDICES = 1000;

export function encodeHash(state: ViewState): string {
  const d = defaultViewState();
  const p = new URLSearchParams();
  if (state.dataset) p.set('d', state.dataset);
  if (state.method !== d.method) p.set('m', state.method);
  if (state.dims !== d.dims) p.set('dim', String(state.dims));
  if (state.method === 'pca' && state.pca.join() !== d.pca.join()) p.set('pc', state.pca.join(','));
  if (state.method === 'tsne') {
    const t = state.tsne;
    if (t.perplexity !== d.tsne.perplexity) p.set('perp', String(t.perplexity));
    if (t.learningRate !== d.tsne.learningRate) p.set('lr', String(t.learningRate));
    if (t.iterations !== d.tsne.iterations) p.set('it', String(t.iterations));
    if (t.supervise) p.set('sup', t.supervise);
    if (t.supervise && t.superviseFactor !== d.tsne.superviseFactor) p.set('supf', String(t.superviseFactor));
  }
  if (state.method === 'umap') {
    const u = state.umap;
    if (u.neighbors !== d.umap.neighbors) p.set('nn', String(u.neighbors));
    if (u.minDist !== d.umap.minDist) p.set('md', String(u.minDist));
    if (u.supervise) p.set('sup', u.supervise);
  }
  if (state.method === 'custom') {
    for (const side of ['left', 'right', 'up', 'down'] as const) {
      const a = state.custom[side];
      if (a) p.set(side, `${a.column}:${a.pattern}`);
    }
  }
  if (state.seed !== d.seed) p.set('seed', String(state.seed));
  // An empty value is "none" chosen by the user (no colour, labels by index); left out, the page picks a column.
  if (state.color !== null) p.set('c', state.color);
  if (state.label !== null) p.set('l', state.label);
  if (!state.sprites) p.set('sprites', '0');
  if (!state.tint) p.set('tint', '0');
  if (state.camera) p.set('cam', encodeCamera(state.camera));
  if (state.selection.length > 0 && state.selection.length <= MAX_URL_INDICES) p.set('sel', encodeIndices(state.selection));
  if (state.isolated && state.isolated.length <= MAX_URL_INDICES) p.set('iso', encodeIndices(state.isolated));
  if (state.neighbors.k !== d.neighbors.k) p.set('k', String(state.neighbors.k));
  if (state.neighbors.metric !== d.neighbors.metric) p.set('metric', state.neighbors.metric);
  if (state.search.query) {
    p.set('q', state.search.query);
    if (state.search.column) p.set('qc', state.search.column);
    if (!state.search.regex) p.set('qr', '0');
  }
  for (const f of state.filters) p.append('f', encodeFilter(f));
  if (state.hideFiltered) p.set('fh', '1');
  const text = p.toString();
  return text ? `#${text}` : '';
}

export function decodeHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const raw: Record<string, unknown> = {};
  const get = (k: string) => p.get(k) ?? undefined;
  const number = (k: string) => {
    const v = get(k);
    return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
  };
  raw.dataset = get('d');
  raw.method = get('m');
  raw.dims = number('dim');
  const pc = get('pc')?.split(',').map(Number);
  raw.pca = pc;
  raw.tsne = {
    perplexity: number('perp'),
    learningRate: get('lr') === 'auto' ? 'auto' : number('lr'),
    iterations: number('it'),
    supervise: get('m') === 'tsne' ? get('sup') : undefined,
    superviseFactor: number('supf'),
  };
  raw.umap = { neighbors: number('nn'), minDist: number('md'), supervise: get('m') === 'umap' ? get('sup') : undefined };
  raw.custom = { left: decodeAxis(get('left')), right: decodeAxis(get('right')), up: decodeAxis(get('up')), down: decodeAxis(get('down')) };
  raw.seed = number('seed');
  raw.color = get('c');
  raw.label = get('l');
  raw.sprites = get('sprites') !== '0';
  raw.tint = get('tint') !== '0';
  raw.camera = decodeCamera(get('cam'));
  raw.selection = decodeIndices(get('sel') ?? '');
  raw.isolated = get('iso') === undefined ? null : decodeIndices(get('iso')!);
  raw.neighbors = { k: number('k'), metric: get('metric') };
  raw.search = { query: get('q'), column: get('qc'), regex: get('qr') !== '0' };
  raw.filters = p.getAll('f').map(decodeFilter);
  raw.hideFiltered = get('fh') === '1';
  return normalizeViewState(raw);
}

/** Sorted, de-duplicated indices as runs: [1,2,3,5] -> "1-3,5". */
export function encodeIndices(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/** The inverse of `encodeIndices`; malformed parts are skipped. */
export function decodeIndices(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to - from > 10_000_000) continue;
    for (let i = from; i <= to; i++) out.push(i);
  }
  return out;
}

function encodeCamera(c: NonNullable<ViewState['camera']>): string {
  const r = (v: number) => String(Math.round(v * 10000) / 10000);
  const parts = [...c.target, c.zoom].map(r);
  if (c.rotationOrbit !== undefined || c.rotationX !== undefined) parts.push(r(c.rotationOrbit ?? 0), r(c.rotationX ?? 0));
  return parts.join(',');
}

function decodeCamera(text: string | undefined): unknown {
  if (!text) return null;
  const v = text.split(',').map(Number);
  if ((v.length !== 4 && v.length !== 6) || v.some((x) => !Number.isFinite(x))) return null;
  const c: Record<string, unknown> = { target: v.slice(0, 3), zoom: v[3] };
  if (v.length === 6) {
    c.rotationOrbit = v[4];
    c.rotationX = v[5];
  }
  return c;
}

function decodeAxis(text: string | undefined): AxisQuery | null {
  if (!text) return null;
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) return null;
  return { column: text.slice(0, at), pattern: text.slice(at + 1) };
}
