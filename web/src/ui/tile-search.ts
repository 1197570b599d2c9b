// Search and neighbours on the map of a tile set, through the server that shows it (`projector serve
// DATA --tiles DIR`): the page holds only the tiles in view, never the vectors or every row's metadata,
// so the served dataset the set was made from answers the search and the neighbours, and the server
// says where the rows it names lie (`/api/tiles/points`, from the set's positions.npy). Matches,
// the chosen row and its neighbours are ringed on the map; choosing a row flies the camera to it.

import { errorOf } from '../api/problem';
import type { TileSetInfo } from '../api/tile-set';
import { h } from './dom';
import type { TileMark, TileView } from './tile-view';

/** What the server says of the tile set it shows (`GET /api/tiles`). */
export interface TileLinks {
  points: number;
  dataset: string | null;
  positions: boolean;
}

/** Matches listed and ringed at most; the count covers all of them. */
const LISTED = 50;
const NEIGHBOURS = 10;

/** Reads `/api/tiles` of the server at `api`; null when there is none (a static host) or it shows no tile set. */
export async function tileLinks(api: URL): Promise<TileLinks | null> {
  const response = await fetch(new URL('tiles', api), { headers: { Accept: 'application/json' } }).catch(() => null);
  if (!response?.ok) return null;
  return (await response.json().catch(() => null)) as TileLinks | null;
}

/** Data coordinates of the tile set to the map's world coordinates (the root tile is [-1, 1]^2), as tiles are decoded. */
export function worldOf(info: Pick<TileSetInfo, 'bounds'>, x: number, y: number): [number, number] {
  const { minX, minY, side } = info.bounds;
  const scale = 2 / side;
  return [(x - minX) * scale - 1, (y - minY) * scale - 1];
}

/** The panel of a linked server and `choose(row, fly)`, which rings a row and its neighbours, lists them and (`fly`) centres the map on it; a click on the map chooses without flying. */
export interface TileSearch {
  element: HTMLElement;
  choose(row: number, fly?: boolean): Promise<void>;
}

/**
 * The panel's content for a linked server: a search box over the dataset's metadata `columns` (none:
 * no search box, a click on a point still lists its neighbours), the matches, and the chosen row's neighbours.
 */
export function tileSearchPanel(api: URL, dataset: string, info: TileSetInfo, view: () => TileView | null, columns: string[]): TileSearch {
  const column = h('select', { testid: 'tile-search-column', 'aria-label': 'Search in' }, ...columns.map((c) => h('option', { value: c }, c)));
  const input = h('input', { type: 'search', placeholder: 'Search the metadata…', testid: 'tile-search-input', 'aria-label': 'Search' }) as HTMLInputElement;
  const metric = h('select', { testid: 'tile-metric', 'aria-label': 'Distance' }, h('option', { value: 'cosine' }, 'cosine'), h('option', { value: 'euclidean' }, 'euclidean'));
  const status = h('p', { class: 'tile-note', testid: 'tile-search-status', role: 'status' });
  const results = h('ol', { class: 'tile-results', testid: 'tile-search-results' });
  const neighbours = h('ol', { class: 'tile-results', testid: 'tile-neighbours' });
  const neighbourTitle = h('p', { class: 'tile-note', testid: 'tile-neighbours-title' });
  let matches: TileMark[] = [];
  let chosen: TileMark[] = [];
  let asked = 0;
  const show = () => view()?.setMarks([...matches, ...chosen]);

  const get = async <T>(path: string, what: string): Promise<T> => {
    const response = await fetch(new URL(path, api), { headers: { Accept: 'application/json' } });
    if (!response.ok) throw await errorOf(response, what);
    return (await response.json()) as T;
  };
  const locate = async (ids: number[]): Promise<Map<number, [number, number]>> => {
    const found = new Map<number, [number, number]>();
    if (ids.length === 0) return found;
    const answer = await get<{ ids: number[]; positions: number[] }>(`tiles/points?ids=${ids.join(',')}`, 'Locating the rows');
    answer.ids.forEach((id, i) => found.set(id, worldOf(info, answer.positions[2 * i], answer.positions[2 * i + 1])));
    return found;
  };

  const choose = async (row: number, fly = true) => {
    const ask = ++asked;
    neighbourTitle.textContent = `Neighbours of row ${row}…`;
    neighbours.replaceChildren();
    try {
      const answer = await get<{ neighbors: { index: number; distance: number }[] }>(`datasets/${encodeURIComponent(dataset)}/neighbors?point=${row}&k=${NEIGHBOURS}&metric=${metric.value}`, 'Finding the neighbours');
      const at = await locate([row, ...answer.neighbors.map((n) => n.index)]);
      if (ask !== asked) return;
      chosen = [...answer.neighbors.map((n) => ({ at: at.get(n.index)!, kind: 'neighbor' as const })), { at: at.get(row)!, kind: 'selected' }];
      show();
      if (fly) view()?.focus(at.get(row)!, Math.max(2, info.levels - 2));
      neighbourTitle.textContent = `Neighbours of row ${row} (${answer.neighbors.length}, nearest first):`;
      neighbours.replaceChildren(...answer.neighbors.map((n) => h('li', {},
        h('button', { type: 'button', class: 'tile-result', testid: 'tile-neighbour', onclick: () => void choose(n.index) }, `Row ${n.index}`),
        h('span', { class: 'tile-distance' }, ` ${n.distance.toFixed(3)}`))));
    } catch (e) {
      if (ask === asked) neighbourTitle.textContent = (e as Error).message;
    }
  };

  const search = async () => {
    const q = input.value.trim();
    const ask = ++asked;
    if (q === '') {
      matches = [];
      results.replaceChildren();
      status.textContent = '';
      show();
      return;
    }
    status.textContent = 'Searching…';
    try {
      const answer = await get<{ count: number; indices: number[] }>(`datasets/${encodeURIComponent(dataset)}/search?q=${encodeURIComponent(q)}&column=${encodeURIComponent(column.value)}&limit=${LISTED}`, 'Searching');
      const at = await locate(answer.indices);
      if (ask !== asked) return;
      matches = answer.indices.map((i) => ({ at: at.get(i)!, kind: 'match' as const }));
      show();
      status.textContent = answer.count === 0 ? 'No match.' : `${answer.count.toLocaleString('en')} match${answer.count === 1 ? '' : 'es'}${answer.count > answer.indices.length ? `, the first ${answer.indices.length} listed and ringed` : ', ringed on the map'}.`;
      results.replaceChildren(...answer.indices.map((i) => h('li', {}, h('button', { type: 'button', class: 'tile-result', testid: 'tile-result', onclick: () => void choose(i) }, `Row ${i}`))));
    } catch (e) {
      if (ask === asked) status.textContent = (e as Error).message;
    }
  };

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void search();
  });
  const go = h('button', { type: 'button', testid: 'tile-search-go', onclick: () => void search() }, 'Search');
  const hint = h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Click a point to list its nearest neighbours, by'), metric);
  const element = columns.length > 0
    ? h('div', { class: 'tile-search' },
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Search in'), column),
      h('div', { class: 'tile-search-row' }, input, go),
      status, results, hint, neighbourTitle, neighbours)
    : h('div', { class: 'tile-search' }, hint, neighbourTitle, neighbours);
  return { element, choose };
}
