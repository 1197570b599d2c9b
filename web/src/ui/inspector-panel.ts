// Search, selection, nearest neighbours and downloads.

import { displayValue, formatNumber } from '../data/coloring';
import { highlightParts } from '../data/search';
import type { App, Panel } from './app';
import { debounce, field, h, section, setOptions, setValue } from './dom';

const LISTED = 100;

export class InspectorPanel implements Panel {
  readonly element: HTMLElement;
  private readonly searchColumn = h('select', { testid: 'search-column', 'aria-label': 'Search column' });
  private readonly searchInput = h('input', { type: 'search', testid: 'search-input', placeholder: 'Search (regex)…', spellcheck: 'false' });
  private readonly regex = h('input', { type: 'checkbox', testid: 'search-regex' });
  private readonly searchCount = h('span', { testid: 'search-count' }, '0');
  private readonly searchError = h('div', { class: 'field-error' });
  private readonly matches = h('ul', { class: 'result-list', testid: 'search-results' });
  private readonly selectMatches = h('button', { type: 'button', testid: 'select-matches' }, 'Select all');

  private readonly selectionCount = h('span', { testid: 'selection-count' }, '0');
  private readonly isolate = h('button', { type: 'button', testid: 'isolate', title: 'Project only the selected points' }, 'Isolate');
  private readonly showAll = h('button', { type: 'button', testid: 'show-all' }, 'Show all');
  private readonly clear = h('button', { type: 'button', testid: 'clear-selection' }, 'Clear');
  private readonly details = h('div', { class: 'details', testid: 'point-details' });
  private readonly isolateNote = h('p', { class: 'hint', testid: 'isolate-note', hidden: true },
    'On this static site, isolating shows the selected points where they are in the current layout; they are not projected again.');

  private readonly k = h('input', { type: 'number', min: 1, max: 1000, step: 1, testid: 'neighbors-k', 'aria-label': 'Neighbours' });
  private readonly metric = h('select', { testid: 'neighbors-metric', 'aria-label': 'Distance' },
    h('option', { value: 'cosine' }, 'cosine'), h('option', { value: 'euclidean' }, 'euclidean'));
  private readonly neighbors = h('ol', { class: 'result-list neighbors', testid: 'neighbors-list' });

  private readonly csv = h('button', { type: 'button', testid: 'download-csv', title: 'Layout with metadata, made here in the browser' }, 'Layout .csv');
  private readonly npy = h('button', { type: 'button', testid: 'download-npy', title: 'Layout as a float32 NumPy array' }, 'Layout .npy');
  private readonly tsv = h('button', { type: 'button', testid: 'download-tsv', title: 'Metadata of the selected points' }, 'Selection .tsv');
  private listKey = '';
  private neighborKey = '';

  constructor(app: App) {
    const search = () => app.setSearch(this.searchInput.value, this.searchColumn.value || null, this.regex.checked);
    this.searchInput.addEventListener('input', search);
    this.searchColumn.addEventListener('change', search);
    this.regex.addEventListener('change', search);
    this.selectMatches.addEventListener('click', () => app.selectMatches());
    this.isolate.addEventListener('click', () => void app.isolate());
    this.showAll.addEventListener('click', () => void app.showAll());
    this.clear.addEventListener('click', () => app.clearSelection());
    const neighborOptions = debounce(() => {
      const k = Math.round(Number(this.k.value));
      if (k >= 1) app.setNeighborOptions(k, this.metric.value === 'euclidean' ? 'euclidean' : 'cosine');
    }, 300);
    this.k.addEventListener('input', neighborOptions);
    this.metric.addEventListener('change', neighborOptions);
    this.csv.addEventListener('click', () => app.downloadCsv());
    this.npy.addEventListener('click', () => app.downloadNpy());
    this.tsv.addEventListener('click', () => app.downloadTsv());

    this.element = h('div', { class: 'inspector' },
      section('Search',
        h('div', { class: 'row2 search-row' }, this.searchColumn, h('label', { class: 'check' }, this.regex, ' regex')),
        this.searchInput, this.searchError,
        h('div', { class: 'summary-line' }, h('strong', {}, this.searchCount), ' matches', this.selectMatches),
        this.matches),
      section('Selection',
        h('div', { class: 'summary-line' }, h('strong', {}, this.selectionCount), ' selected'),
        h('div', { class: 'buttons' }, this.isolate, this.showAll, this.clear),
        h('p', { class: 'hint' }, 'Click a point; shift-drag to lasso; ctrl-click to add or remove.'),
        this.isolateNote,
        this.details),
      section('Nearest neighbours',
        h('div', { class: 'row2' }, field('Count', this.k), field('Distance', this.metric)),
        this.neighbors),
      section('Download', h('div', { class: 'buttons' }, this.csv, this.npy, this.tsv)));
  }

  update(app: App): void {
    const s = app.state;
    const columns = app.metadata?.columns ?? [];
    setOptions(this.searchColumn, columns.map((c) => ({ value: c.name, label: c.name })), s.search.column ?? '');
    setValue(this.searchInput, s.search.query);
    this.regex.checked = s.search.regex;
    this.searchCount.textContent = String(app.matchCount);
    this.searchError.textContent = app.searchError ?? '';
    this.selectMatches.disabled = app.matches.length === 0;
    this.renderMatches(app);

    this.selectionCount.textContent = String(s.selection.length);
    this.isolate.disabled = s.selection.length < 2;
    this.showAll.hidden = !s.isolated;
    this.isolateNote.hidden = app.source.mode !== 'static' || (s.selection.length < 2 && !s.isolated);
    this.clear.disabled = s.selection.length === 0;
    this.renderDetails(app);

    setValue(this.k, String(s.neighbors.k));
    setValue(this.metric, s.neighbors.metric);
    this.renderNeighbors(app);

    const hasLayout = !!app.layout?.raw;
    this.csv.disabled = !hasLayout;
    this.npy.disabled = !hasLayout;
    this.tsv.disabled = s.selection.length === 0;
  }

  private renderMatches(app: App): void {
    const { query, regex, column } = app.state.search;
    const key = `${query}|${regex}|${column}|${app.matches.length}|${app.matches[0]}|${app.state.label}`;
    if (key === this.listKey) return;
    this.listKey = key;
    const values = app.column(column)?.values ?? [];
    const items = app.matches.slice(0, LISTED).map((row) => {
      const [before, match, after] = highlightParts(displayValue(values[row]), query, regex);
      return h('li', { class: 'result', testid: 'search-item', onclick: () => app.select([row], 'replace') },
        h('span', { class: 'result-text' }, before, h('mark', {}, match), after), h('span', { class: 'result-meta' }, `#${row}`));
    });
    if (app.matches.length > LISTED) items.push(h('li', { class: 'hint' }, `and ${app.matches.length - LISTED} more`));
    this.matches.replaceChildren(...items);
  }

  private renderDetails(app: App): void {
    const sel = app.state.selection;
    if (sel.length !== 1 || !app.metadata) {
      this.details.replaceChildren();
      return;
    }
    const row = sel[0];
    this.details.replaceChildren(h('dl', {},
      h('dt', {}, 'index'), h('dd', {}, String(row)),
      ...app.metadata.columns.slice(0, 12).flatMap((c) => [h('dt', {}, c.name), h('dd', {}, displayValue(c.values[row]))])));
  }

  private renderNeighbors(app: App): void {
    const key = `${app.neighborsOf}|${app.neighbors.length}|${app.neighbors[0]?.index}|${app.state.label}|${app.neighbors.at(-1)?.distance}`;
    if (key === this.neighborKey) return;
    this.neighborKey = key;
    if (app.neighborsOf === null) {
      this.neighbors.replaceChildren(h('li', { class: 'hint' }, 'Select one point to see its nearest neighbours in the original space.'));
      return;
    }
    const max = Math.max(...app.neighbors.map((n) => n.distance), 1e-12);
    this.neighbors.replaceChildren(...app.neighbors.map((nb) => h('li', { class: 'result neighbor', testid: 'neighbor-item', 'data-index': nb.index, onclick: () => app.select([nb.index], 'replace') },
      h('span', { class: 'result-text' }, app.labelOf(nb.index), h('span', { class: 'result-meta' }, ` #${nb.index}`)),
      h('span', { class: 'distance-bar' }, h('span', { style: `width: ${Math.round((nb.distance / max) * 100)}%` })),
      h('span', { class: 'result-meta' }, formatNumber(nb.distance)))));
  }
}
