// Search, selection, nearest neighbours and downloads.

import type { DataSource } from '../api/source';
import type { Controllers } from '../controllers/controllers';
import { displayValue, formatNumber } from '../data/coloring';
import { highlightParts } from '../data/search';
import type { Store } from '../state/store';
import { debounce, field, h, section, setOptions, setProp, setText, setValue } from './dom';
import { watch } from './watch';

const LISTED = 100;

export class InspectorPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
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

  private readonly placeFiles = h('input', { type: 'file', multiple: true, accept: 'image/png,image/jpeg,.f32,.bin', testid: 'place-files', 'aria-label': 'Files to place' });
  private readonly clearPlaced = h('button', { type: 'button', testid: 'clear-placed' }, 'Clear placed');
  private readonly placeNote = h('p', { class: 'hint', testid: 'place-note' });

  private readonly csv = h('button', { type: 'button', testid: 'download-csv', title: 'Layout with metadata, made here in the browser' }, 'Layout .csv');
  private readonly npy = h('button', { type: 'button', testid: 'download-npy', title: 'Layout as a float32 NumPy array' }, 'Layout .npy');
  private readonly tsv = h('button', { type: 'button', testid: 'download-tsv', title: 'Metadata of the selected points' }, 'Selection .tsv');

  constructor(private readonly store: Store, c: Controllers, source: DataSource) {
    const search = () => c.search.set(this.searchInput.value, this.searchColumn.value || null, this.regex.checked);
    this.searchInput.addEventListener('input', search);
    this.searchColumn.addEventListener('change', search);
    this.regex.addEventListener('change', search);
    this.selectMatches.addEventListener('click', () => c.search.selectMatches());
    this.isolate.addEventListener('click', () => void c.projection.isolate());
    this.showAll.addEventListener('click', () => void c.projection.showAll());
    this.clear.addEventListener('click', () => c.selection.clear());
    const neighborOptions = debounce(() => {
      const k = Math.round(Number(this.k.value));
      if (k >= 1) c.selection.setNeighborOptions(k, this.metric.value === 'euclidean' ? 'euclidean' : 'cosine');
    }, 300);
    this.k.addEventListener('input', neighborOptions);
    this.metric.addEventListener('change', neighborOptions);
    this.placeFiles.addEventListener('change', () => {
      const files = [...(this.placeFiles.files ?? [])];
      this.placeFiles.value = '';
      if (files.length > 0) void c.placement.place(files);
    });
    this.clearPlaced.addEventListener('click', () => c.placement.clear());
    this.csv.addEventListener('click', () => c.downloads.csv());
    this.npy.addEventListener('click', () => c.downloads.npy());
    this.tsv.addEventListener('click', () => c.downloads.tsv());
    this.select = (row) => c.selection.select([row], 'replace');

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
      source.place ? section('Place new items',
        field('Images or rows to place', this.placeFiles),
        h('div', { class: 'buttons' }, this.clearPlaced),
        this.placeNote) : null,
      section('Download', h('div', { class: 'buttons' }, this.csv, this.npy, this.tsv)));

    const isStatic = source.mode === 'static';
    const view = store.view;
    this.dispose = watch(
      () => {
        const search = view.search.value;
        setOptions(this.searchColumn, store.columns.value.map((c) => ({ value: c.name, label: c.name })), search.column ?? '');
        setValue(this.searchInput, search.query);
        this.regex.checked = search.regex;
      },
      () => {
        const result = store.search.value;
        this.searchCount.textContent = String(result.count);
        this.searchError.textContent = result.error ?? '';
        this.selectMatches.disabled = result.indices.length === 0;
      },
      () => this.renderMatches(),
      () => {
        const selection = view.selection.value;
        const isolated = view.isolated.value;
        this.selectionCount.textContent = String(selection.length);
        this.isolate.disabled = selection.length < 2;
        this.showAll.hidden = !isolated;
        this.isolateNote.hidden = !isStatic || (selection.length < 2 && !isolated);
        this.clear.disabled = selection.length === 0;
        this.tsv.disabled = selection.length === 0;
      },
      () => this.renderDetails(),
      () => {
        setValue(this.k, String(view.neighbors.value.k));
        setValue(this.metric, view.neighbors.value.metric);
      },
      () => this.renderNeighbors(),
      () => {
        const blocked = c.placement.blocked();
        const placed = store.placedPositions.value ? store.placed.value : null;
        setProp(this.placeFiles, 'disabled', blocked !== null);
        setProp(this.clearPlaced, 'disabled', placed === null);
        setProp(this.placeFiles, 'accept', c.placement.accept());
        const dims = store.item.value?.dimensions ?? 0;
        const hint = c.placement.hint(dims);
        setText(this.placeNote, placed
          ? `${placed.points} placed (rings); their ${placed.neighbors[0]?.length ?? 0} nearest rows each are selected.`
          : blocked ? `${blocked} ${hint}` : hint);
      },
      () => {
        const hasLayout = !!store.layout.value?.raw;
        this.csv.disabled = !hasLayout;
        this.npy.disabled = !hasLayout;
      },
    );
  }

  private readonly select: (row: number) => void;

  private renderMatches(): void {
    const store = this.store;
    const { query, regex, column } = store.view.search.value;
    const matches = store.search.value.indices;
    const values = store.column(column)?.values ?? [];
    const items = matches.slice(0, LISTED).map((row) => {
      const [before, match, after] = highlightParts(displayValue(values[row]), query, regex);
      return h('li', { class: 'result', testid: 'search-item', onclick: () => this.select(row) },
        h('span', { class: 'result-text' }, before, h('mark', {}, match), after), h('span', { class: 'result-meta' }, `#${row}`));
    });
    if (matches.length > LISTED) items.push(h('li', { class: 'hint' }, `and ${matches.length - LISTED} more`));
    this.matches.replaceChildren(...items);
  }

  private renderDetails(): void {
    const sel = this.store.view.selection.value;
    const metadata = this.store.metadata.value;
    if (sel.length !== 1 || !metadata) {
      this.details.replaceChildren();
      return;
    }
    const row = sel[0];
    this.details.replaceChildren(h('dl', {},
      h('dt', {}, 'index'), h('dd', {}, String(row)),
      ...metadata.columns.slice(0, 12).flatMap((c) => [h('dt', {}, c.name), h('dd', {}, displayValue(c.values[row]))])));
  }

  private renderNeighbors(): void {
    const store = this.store;
    const { of, items } = store.neighbors.value;
    if (of === null) {
      this.neighbors.replaceChildren(h('li', { class: 'hint' }, 'Select one point to see its nearest neighbours in the original space.'));
      return;
    }
    const max = Math.max(...items.map((n) => n.distance), 1e-12);
    this.neighbors.replaceChildren(...items.map((nb) => h('li', { class: 'result neighbor', testid: 'neighbor-item', 'data-index': nb.index, onclick: () => this.select(nb.index) },
      h('span', { class: 'result-text' }, store.labelOf(nb.index), h('span', { class: 'result-meta' }, ` #${nb.index}`)),
      h('span', { class: 'distance-bar' }, h('span', { style: `width: ${Math.round((nb.distance / max) * 100)}%` })),
      h('span', { class: 'result-meta' }, formatNumber(nb.distance)))));
  }
}
