// Dataset, tensor, run and step pickers; colour and label columns; the legend.

import type { CatalogItem } from '../api/contract';
import type { DataSource } from '../api/source';
import type { Controllers } from '../controllers/controllers';
import { formatNumber } from '../data/coloring';
import { legendView, type LegendView } from '../data/legend-filter';
import { cssOf, gradientCss } from '../data/palette';
import { SPRITE_POINTS } from '../render/scene';
import { latestOf } from '../state/catalog';
import type { Store } from '../state/store';
import { field, h, section, setOptions } from './dom';
import { stepChangeLine } from './step-change';
import { watch } from './watch';

export class DataPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly dataset = h('select', { testid: 'dataset-picker', 'aria-label': 'Dataset' });
  private readonly tensor = h('select', { testid: 'tensor-picker', 'aria-label': 'Tensor' });
  private readonly run = h('select', { testid: 'run-picker', 'aria-label': 'Run' });
  private readonly step = h('select', { testid: 'step-picker', 'aria-label': 'Step' });
  private readonly tensorField = field('Tensor', this.tensor);
  private readonly runField = field('Run', this.run);
  private readonly stepField = field('Step', this.step);
  private readonly summary = h('div', { class: 'summary' });
  private readonly pointCount = h('span', { testid: 'point-count' }, '0');
  private readonly color = h('select', { testid: 'color-by', 'aria-label': 'Colour by' });
  private readonly label = h('select', { testid: 'label-by', 'aria-label': 'Label by' });
  private readonly sprites = h('input', { type: 'checkbox', testid: 'sprites-toggle' });
  private readonly spriteHint = h('div', { class: 'hint', hidden: true }, 'With this many points, sprites appear once you zoom in.');
  private readonly tint = h('input', { type: 'checkbox', testid: 'sprites-tint' });
  private readonly spritesField = h('div', { class: 'sprite-options' },
    h('label', { class: 'check' }, this.sprites, ' Show sprite images'),
    h('label', { class: 'check' }, this.tint, ' Paint sprites in the colours'),
    this.spriteHint);
  private readonly legend = h('div', { class: 'legend', testid: 'legend' });
  private readonly warnings = h('div', { class: 'warnings' });
  private legendKey = '';
  private readonly upload: HTMLElement;

  constructor(private readonly store: Store, private readonly c: Controllers, source: DataSource) {
    this.dataset.addEventListener('change', () => this.pickBy((item) => item.id === this.dataset.value));
    const sibling = () => {
      const items = store.groupItems.peek();
      const tensor = this.tensor.value;
      const run = this.run.value;
      const step = this.step.value;
      return items.find((c) => key(c.tensor) === tensor && key(c.run) === run && key(c.step) === step)
        ?? items.find((c) => key(c.tensor) === tensor && key(c.run) === run)
        ?? items.find((c) => key(c.tensor) === tensor);
    };
    for (const s of [this.tensor, this.run, this.step]) s.addEventListener('change', () => {
      const item = sibling();
      if (item) void c.catalog.pick(item);
    });
    // A legend entry hides or shows its points; alt-click shows only them (again: all).
    this.legend.addEventListener('click', (e) => {
      const item = (e.target as Element).closest<HTMLElement>('[data-value]');
      const column = store.view.color.peek();
      if (!item || !column) return;
      if (e.altKey) c.filters.solo(column, item.dataset.value!);
      else c.filters.toggle(column, item.dataset.value!);
    });
    this.color.addEventListener('change', () => c.colouring.setColor(this.color.value || null));
    this.label.addEventListener('change', () => c.colouring.setLabel(this.label.value || null));
    const sprites = () => c.colouring.setSprites(this.sprites.checked, this.tint.checked);
    this.sprites.addEventListener('change', sprites);
    this.tint.addEventListener('change', sprites);
    const tensorFile = h('input', { type: 'file', accept: '.tsv,.bytes,.f32,.npy', testid: 'upload-tensor' });
    const metadataFile = h('input', { type: 'file', accept: '.tsv,.txt', testid: 'upload-metadata' });
    const shape = h('input', { type: 'text', placeholder: 'N,D (for .bytes)', testid: 'upload-shape' });
    const name = h('input', { type: 'text', placeholder: 'Name (optional)', testid: 'upload-name' });
    const send = h('button', { type: 'button', class: 'primary', testid: 'upload-submit' }, 'Upload');
    send.addEventListener('click', async () => {
      const tensor = tensorFile.files?.[0];
      if (!tensor) {
        store.error.value = `Choose a tensor file (${tensorFile.accept.split(',').join(', ')}) first.`;
        return;
      }
      send.disabled = true;
      const done = await c.catalog.upload({ tensor, metadata: metadataFile.files?.[0] ?? null, shape: shape.value, name: name.value });
      send.disabled = false;
      if (done) {
        tensorFile.value = '';
        metadataFile.value = '';
        upload.open = false;
      }
    });
    const upload = this.upload = h('details', { class: 'upload' }, h('summary', {}, 'Add a dataset from files…'),
      field('Vectors', tensorFile), field('Metadata', metadataFile), h('div', { class: 'row2' }, shape, name), h('div', { class: 'buttons' }, send));
    const stepChange = stepChangeLine(store, c);
    this.element = h('div', { class: 'data-panel' },
      section('Data',
        field('Dataset', this.dataset), this.tensorField, this.runField, this.stepField, stepChange.element,
        h('div', { class: 'summary-line' }, h('strong', {}, this.pointCount), ' points shown', this.summary),
        this.warnings, upload),
      section('Appearance',
        field('Colour by', this.color), field('Label by', this.label), this.spritesField, this.legend));
    this.upload.hidden = source.mode === 'static';
    // The extensions an upload takes come from the server's format registry, so a new format needs no
    // page change; they are asked for once, when the user first opens the upload form.
    let asked = false;
    upload.addEventListener('toggle', () => {
      if (!upload.open || asked || source.mode !== 'server') return;
      asked = true;
      void source.formats().then((formats) => {
        const uploadable = formats.filter((f) => f.upload);
        if (uploadable.length > 0) tensorFile.accept = uploadable.flatMap((f) => f.extensions).join(',');
        const shaped = uploadable.filter((f) => f.needsShape).flatMap((f) => f.extensions);
        if (shaped.length > 0) shape.placeholder = `N,D (for ${shaped.join(', ')})`;
      }, () => { asked = false; });
    });
    const stopWatching = watch(
      () => this.renderPickers(),
      () => {
        this.pointCount.textContent = String(store.layout.value?.points ?? 0);
      },
      () => this.renderItem(store.item.value),
      () => this.renderColumns(),
      () => {
        const view = store.view;
        this.sprites.checked = view.sprites.value;
        this.tint.checked = view.tint.value;
        this.tint.disabled = !view.sprites.value;
      },
      () => this.renderLegend(legendView(store.legend.value, c.filters.profiles.value, c.filters.counts.value, store.view.filters.value)),
    );
    this.dispose = () => {
      stopWatching();
      stepChange.dispose();
    };
  }

  private pickBy(test: (c: CatalogItem) => boolean): void {
    const item = this.store.catalog.peek().find(test);
    if (item) void this.c.catalog.pick(item);
  }

  private renderPickers(): void {
    const item = this.store.item.value;
    const catalog = this.store.catalog.value;
    // One entry per group; the current group's entry is the current item.
    const groups = new Map<string, CatalogItem>();
    for (const c of catalog) if (!groups.has(c.group)) groups.set(c.group, c.group === item?.group ? item : latestOf(catalog, c.group)!);
    setOptions(this.dataset, [...groups.values()].map((c) => ({ value: c.id, label: c.name })), item?.id ?? '');
    const siblings = this.store.groupItems.value;
    const sameTensor = siblings.filter((c) => c.tensor === item?.tensor);
    const sameRun = sameTensor.filter((c) => c.run === item?.run);
    this.fillPicker(this.tensor, this.tensorField, siblings.map((c) => c.tensor), item?.tensor ?? null);
    this.fillPicker(this.run, this.runField, sameTensor.map((c) => c.run), item?.run ?? null);
    this.fillPicker(this.step, this.stepField, sameRun.map((c) => c.step), item?.step ?? null);
  }

  private renderItem(item: CatalogItem | null): void {
    this.summary.textContent = item ? ` of ${item.points.toLocaleString()} · ${item.dimensions}-d` : '';
    this.warnings.replaceChildren(...(item?.warnings ?? []).map((w) => h('div', { class: 'warning' }, w)));
    this.spritesField.hidden = !item?.sprite;
    this.spriteHint.hidden = (item?.points ?? 0) <= SPRITE_POINTS;
  }

  private renderColumns(): void {
    const columns = this.store.columns.value;
    const view = this.store.view;
    const derived = this.store.layers.derivedColumns.value.map((c) => ({ value: c.name, label: `${c.name} (of the layout)` }));
    setOptions(this.color, [{ value: '', label: 'None' }, ...columns.map((c) => ({ value: c.name, label: `${c.name} (${c.kind})` })), ...derived], view.color.value ?? '');
    setOptions(this.label, [{ value: '', label: 'Index' }, ...columns.map((c) => ({ value: c.name, label: c.name }))], view.label.value ?? '');
  }

  private fillPicker(select: HTMLSelectElement, wrapper: HTMLElement, values: (string | number | null)[], current: string | number | null): void {
    const distinct = [...new Set(values.map(key))];
    distinct.sort((a, b) => (Number.isNaN(Number(a)) || Number.isNaN(Number(b)) ? a.localeCompare(b) : Number(a) - Number(b)));
    wrapper.hidden = distinct.length <= 1;
    setOptions(select, distinct.map((v) => ({ value: v, label: v === '' ? '(none)' : v })), key(current));
  }

  private renderLegend(view: LegendView): void {
    const { legend, hidden, toggles } = view;
    const k = JSON.stringify(view);
    if (k === this.legendKey) return;
    this.legendKey = k;
    if (legend.kind === 'none') {
      this.legend.replaceChildren(h('div', { class: 'hint' }, 'Pick a column to colour the points.'));
      return;
    }
    if (legend.kind === 'gradient') {
      this.legend.replaceChildren(
        h('div', { class: 'legend-title' }, legend.column),
        h('div', { class: 'gradient-bar', style: `background: ${gradientCss()}` }),
        h('div', { class: 'gradient-scale' },
          h('span', {}, formatNumber(legend.min)), h('span', {}, formatNumber((legend.min + legend.max) / 2)), h('span', {}, formatNumber(legend.max))),
        legend.missing > 0 ? h('div', { class: 'hint' }, `${legend.missing} missing (grey)`) : '');
      return;
    }
    // Toggling entries carry their value; a hidden one is struck through (its count: what showing it would add).
    const entry = (value: string, title: string) => (toggles
      ? { class: hidden.includes(value) ? 'legend-item off' : 'legend-item', title: `${title} (click: hide or show, alt-click: only these)`, 'data-value': value, testid: 'legend-item' }
      : { class: 'legend-item', title });
    const rows = legend.entries.map((e) => h('li', entry(e.label, `${e.label}: ${e.count}`),
      h('span', { class: 'swatch', style: `background: ${cssOf(e.color)}` }), h('span', { class: 'legend-label' }, e.label), h('span', { class: 'legend-count' }, String(e.count))));
    if (legend.other > 0) rows.push(h('li', { class: 'legend-item' }, h('span', { class: 'swatch other' }), h('span', { class: 'legend-label' }, 'other'), h('span', { class: 'legend-count' }, String(legend.other))));
    if (legend.missing > 0) rows.push(h('li', entry('', `missing: ${legend.missing}`), h('span', { class: 'swatch missing' }), h('span', { class: 'legend-label' }, 'missing'), h('span', { class: 'legend-count' }, String(legend.missing))));
    this.legend.replaceChildren(h('div', { class: 'legend-title' }, legend.column), h('ul', { class: 'legend-list' }, ...rows));
  }
}

function key(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
