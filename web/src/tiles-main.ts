// Entry point of tiles.html: the map of a level-of-detail tile set (`projector export --format tiles`),
// served by `projector serve --tiles DIR` or opened from any static host with `tiles.html?tiles=URL`.
// Only the tiles in view at the current zoom are fetched; search and neighbours go to the server when
// it also serves the dataset the set was made from (ui/tile-search.ts).

import './styles.css';
import './tiles.css';
import { TileSource } from './api/tile-source';
import type { TileColumn } from './api/tile-set';
import { displayValue, formatNumber } from './data/coloring';
import { colourableColumns } from './data/tile-colors';
import { categoricalColor, cssOf, gradientCss, PALETTE_SIZE } from './data/palette';
import { h } from './ui/dom';
import { TileView, type TileViewStats } from './ui/tile-view';
import { ordinal } from './ui/ordinal';
import { tileLinks, tileSearchPanel } from './ui/tile-search';

declare global {
  interface Window {
    __tiles?: { stats(): TileViewStats | null; error(): string | null; setCamera(target: [number, number], zoom: number): void; setFrameBudget(ms: number): void };
  }
}

const root = document.getElementById('app')!;
const error = h('div', { class: 'tile-error', role: 'alert', testid: 'tile-error', hidden: true });
const canvas = h('div', { class: 'canvas', testid: 'canvas' });
const hover = h('div', { class: 'tile-hover', testid: 'tile-hover', hidden: true });
const fit = h('button', { type: 'button', class: 'overlay-button', title: 'Fit the points to the view', testid: 'fit-view' }, 'Fit');
const status = h('div', { class: 'tile-status', testid: 'tile-status' }, 'Loading the tile set…');
const left = h('aside', { class: 'sidebar left', 'aria-label': 'Tile set' });
root.append(
  h('header', { class: 'topbar' }, h('div', { class: 'brand' }, h('span', { class: 'logo' }), 'projector'), status),
  h('main', { class: 'workspace tile-workspace' }, left, h('div', { class: 'stage' }, h('div', { class: 'map' }, error, canvas, hover, fit))),
);

let view: TileView | null = null;
const showError = (message: string | null) => {
  error.hidden = message === null;
  error.textContent = message ?? '';
};
window.__tiles = { stats: () => view?.stats ?? null, error: () => (error.hidden ? null : error.textContent), setCamera: (t, z) => view?.setCamera(t, z), setFrameBudget: (ms) => view?.setFrameBudget(ms) };

try {
  const site = await readSite();
  const source = await TileSource.open(tileSetUrl(site));
  const info = source.info;
  const columns = colourableColumns(info.columns);
  const select = h('select', { testid: 'tile-color-by', 'aria-label': 'Colour by' },
    h('option', { value: '' }, 'One colour'), ...columns.map((c) => h('option', { value: c.name }, c.name)));
  const legend = h('div', { class: 'legend', testid: 'tile-legend' });
  left.append(
    h('section', { class: 'panel-section' }, h('h2', {}, 'Tile set'),
      h('div', { class: 'tile-facts', testid: 'tile-facts' },
        `${info.name || 'Tiles'}: ${info.points.toLocaleString('en')} points in ${info.tiles.length.toLocaleString('en')} tiles, ${info.levels} levels, at most ${info.tilePoints.toLocaleString('en')} a tile${info.layout ? `; layout ${info.layout}` : ''}.`)),
    h('section', { class: 'panel-section' }, h('h2', {}, 'Colour'), h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Colour by'), select), legend),
  );
  const search = h('section', { class: 'panel-section' }, h('h2', {}, 'Search and neighbours'));
  left.append(search);
  const api = typeof site?.api === 'string' ? new URL(site.api, document.baseURI) : null;
  const links = api ? await tileLinks(api) : null;
  const panel = api && links?.dataset && links.positions ? tileSearchPanel(api, links.dataset, info, () => view, await columnsOf(api, links.dataset)) : null;
  if (panel) {
    search.append(panel.element);
  } else {
    search.append(h('p', { class: 'tile-note', testid: 'tile-search-note' }, links && !links.positions
      ? 'Not available: the tile set has no positions.npy to find rows on the map. Export it again with this version.'
      : 'Not available here: the page holds only the points in view, not the vectors. Serve the data with the tiles (projector serve DATA --tiles DIR) to search it and list neighbours.'));
  }
  view = new TileView(canvas, source, {
    click: panel ? (point) => void panel.choose(point.tile.ids[point.index], false) : undefined,
    changed: () => {
      const s = view?.stats;
      if (s) status.textContent = `${s.pointsShown.toLocaleString('en')} of ${info.points.toLocaleString('en')} points shown${s.stride > 1 ? ` (every ${ordinal(s.stride)} while moving)` : ''} · level ${s.level} · ${s.tilesShown}/${s.tilesWanted} tiles in view · ${s.requested} fetched`;
    },
    hover: (point) => {
      hover.hidden = point === null;
      if (!point) return;
      const values = Object.entries(point.tile.columns).map(([name, v]) => {
        const column = info.columns.find((c) => c.name === name)!;
        const value = v.type === 'dictionary' ? (v.codes[point.index] < 0 ? null : column.values![v.codes[point.index]]) : v.type === 'float64' ? (Number.isNaN(v.values[point.index]) ? null : formatNumber(v.values[point.index])) : v.values[point.index];
        return h('div', {}, h('span', { class: 'field-label' }, `${name}: `), displayValue(value));
      });
      hover.replaceChildren(h('strong', {}, `Row ${point.tile.ids[point.index]}`), ...values);
      hover.style.left = `${point.x + 14}px`;
      hover.style.top = `${point.y + 14}px`;
    },
  });
  source.onChange = ((inner) => (message: string | null) => {
    if (message) showError(message);
    inner(message);
  })(source.onChange);
  const colorBy = (column: TileColumn | null) => {
    view!.colorBy(column);
    legend.replaceChildren(...legendOf(column));
  };
  select.addEventListener('change', () => colorBy(columns.find((c) => c.name === select.value) ?? null));
  const first = columns.find((c) => c.type === 'dictionary') ?? columns[0] ?? null;
  select.value = first?.name ?? '';
  colorBy(first);
  fit.addEventListener('click', () => view!.fit());
} catch (e) {
  status.textContent = 'No tile set';
  showError((e as Error).message);
}

interface SiteJson {
  api?: unknown;
  tiles?: unknown;
}

/** site.json beside the page: a server's names its API and tile set, an exported site's its files; null when absent. */
async function readSite(): Promise<SiteJson | null> {
  const response = await fetch(new URL('site.json', document.baseURI), { headers: { Accept: 'application/json' } }).catch(() => null);
  return response?.ok ? ((await response.json().catch(() => null)) as SiteJson | null) : null;
}

/** `?tiles=URL` (relative to this page), else the `tiles` that site.json beside the page names. */
function tileSetUrl(site: SiteJson | null): URL {
  const given = new URLSearchParams(location.search).get('tiles');
  if (given) return new URL(given, document.baseURI);
  if (typeof site?.tiles === 'string') return new URL(site.tiles, document.baseURI);
  throw new Error('No tile set named: open tiles.html?tiles=URL with the address of a folder written by `projector export INPUT --format tiles`, or run `projector serve --tiles DIR`.');
}

/** The metadata columns of the served dataset, the ones its search looks in (none when it cannot be read). */
async function columnsOf(api: URL, dataset: string): Promise<string[]> {
  const response = await fetch(new URL(`datasets/${encodeURIComponent(dataset)}`, api), { headers: { Accept: 'application/json' } }).catch(() => null);
  const item = response?.ok ? ((await response.json().catch(() => null)) as { columns?: { name: string }[] } | null) : null;
  return item?.columns?.map((c) => c.name) ?? [];
}

function legendOf(column: TileColumn | null): HTMLElement[] {
  if (!column) return [];
  if (column.type === 'dictionary') {
    const values = column.values ?? [];
    const items = values.slice(0, PALETTE_SIZE).map((v, i) => h('li', { class: 'legend-item' }, h('span', { class: 'swatch', style: `background: ${cssOf(categoricalColor(i))}` }), h('span', { class: 'legend-label' }, v)));
    if (values.length > PALETTE_SIZE) items.push(h('li', { class: 'legend-item' }, h('span', { class: 'swatch other' }), h('span', { class: 'legend-label' }, `${values.length - PALETTE_SIZE} more`)));
    return [h('ul', { class: 'legend-list' }, ...items)];
  }
  return [
    h('div', { class: 'gradient-bar', style: `background: ${gradientCss()}` }),
    h('div', { class: 'gradient-scale' }, h('span', {}, formatNumber(column.min ?? 0)), h('span', {}, formatNumber(column.max ?? 1))),
  ];
}
