// A summary of every metadata column that is also its filter: a histogram with a brush for numbers, a
// list of the most frequent values for categories. Each shows its counts among the rows the OTHER
// columns' filters keep (grey behind: the counts with no filter). Histograms are drawn on a plain
// canvas: forty rectangles need no charting library.

import './filters.css';
import type { ColumnCounts, ColumnProfile, Filter } from '../data/filters';
import { MISSING, keeps } from '../data/filters';
import { formatNumber } from '../data/coloring';
import type { FiltersController } from '../controllers/filters';
import type { Store } from '../state/store';
import { h, section } from './dom';
import { watch } from './watch';

/** Values listed per category column; the rest are summed as "other". */
export const LISTED_VALUES = 10;

interface Block {
  element: HTMLElement;
  update(filter: Filter | undefined, counts: ColumnCounts | null, totals: ColumnCounts | null): void;
}

export class FiltersPanel {
  readonly element: HTMLElement;
  /** "N of M points" and a clear button over the map, shown while a filter is on. */
  readonly badge: HTMLElement;
  readonly dispose: () => void;
  private readonly list = h('div', { class: 'filter-list', testid: 'filter-list' });
  private readonly count = h('span', { class: 'filter-count', testid: 'filter-count' });
  private readonly badgeText = h('span', { testid: 'filter-badge-count' });
  private readonly hide = h('input', { type: 'checkbox', testid: 'filters-hide' });
  private blocks = new Map<string, Block>();
  private builtFor: ColumnProfile[] | null = null;

  constructor(private readonly store: Store, private readonly filters: FiltersController) {
    const clear = h('button', { type: 'button', class: 'small', testid: 'filters-clear', title: 'Show every point' }, 'Clear filters');
    clear.addEventListener('click', () => filters.clearAll());
    const badgeClear = h('button', { type: 'button', class: 'small', testid: 'filter-badge-clear', title: 'Show every point' }, 'Clear');
    badgeClear.addEventListener('click', () => filters.clearAll());
    this.badge = h('div', { class: 'filter-badge', testid: 'filter-badge', hidden: true }, this.badgeText, badgeClear);
    this.hide.addEventListener('change', () => filters.setHide(this.hide.checked));
    this.element = section('Filters',
      h('div', { class: 'filter-summary' }, this.count, clear),
      h('label', { class: 'check' }, this.hide, ' Hide filtered-out points (else dimmed)'),
      h('div', { class: 'hint' }, 'Drag on a histogram, click a value (ctrl-click adds, alt-click shows only it).'),
      this.list);
    this.element.dataset.testid = 'filters-panel';
    this.dispose = watch(
      () => {
        const profiles = filters.profiles.value;
        if (profiles !== this.builtFor) this.renderBlocks(profiles);
        const answer = filters.counts.value;
        const active = store.view.filters.value;
        const total = answer?.result.total ?? store.layout.value?.points ?? 0;
        const shown = store.filterCount.value ?? total;
        const text = `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points`;
        this.count.textContent = text;
        this.badgeText.textContent = text;
        this.badge.hidden = active.length === 0;
        clear.disabled = active.length === 0;
        this.hide.checked = store.view.hideFiltered.value;
        for (const [j, profile] of profiles.entries()) {
          this.blocks.get(profile.name)?.update(active.find((f) => f.column === profile.name), answer?.result.columns[j] ?? null, answer?.totals[j] ?? null);
        }
      },
    );
  }

  private renderBlocks(profiles: ColumnProfile[]): void {
    this.builtFor = profiles;
    this.blocks = new Map(profiles.map((p) => [p.name, p.kind === 'number' ? this.histogram(p) : this.categories(p)]));
    this.list.replaceChildren(...[...this.blocks.values()].map((b) => b.element));
    if (profiles.length === 0) this.list.append(h('div', { class: 'hint' }, this.store.metadata.value ? 'This dataset has no metadata columns.' : ''));
  }

  private header(name: string, info: HTMLElement): { element: HTMLElement; clear: HTMLButtonElement } {
    const clear = h('button', { type: 'button', class: 'filter-clear', title: `Clear the filter on ${name}`, testid: 'filter-clear', hidden: true }, '×');
    clear.addEventListener('click', () => this.filters.clear(name));
    return { element: h('div', { class: 'filter-head' }, h('span', { class: 'filter-name', title: name }, name), info, clear), clear };
  }

  private histogram(p: Extract<ColumnProfile, { kind: 'number' }>): Block {
    const canvas = h('canvas', { class: 'histogram', testid: 'histogram', height: 52 });
    const brush = h('div', { class: 'brush', hidden: true });
    const range = h('div', { class: 'filter-range', testid: 'filter-range' });
    const info = h('span', { class: 'filter-info' });
    const head = this.header(p.name, info);
    const plot = h('div', { class: 'plot' }, canvas, brush);
    const element = h('div', { class: 'filter-block', testid: `filter-${p.name}` }, head.element, plot, range);
    element.dataset.column = p.name;
    const span = p.max - p.min;
    const valueAt = (x: number) => p.min + (Math.min(Math.max(x, 0), canvas.clientWidth) / Math.max(1, canvas.clientWidth)) * span;
    let drag: { x0: number; moved: boolean } | null = null;
    canvas.addEventListener('pointerdown', (e) => {
      if (!(span > 0)) return;
      drag = { x0: e.offsetX, moved: false };
      // The brush follows the pointer outside the canvas; a pointer the browser does not track (a
      // synthetic event) is refused, and the brush still works inside.
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        /* not capturable */
      }
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      if (Math.abs(e.offsetX - drag.x0) >= 3) drag.moved = true;
      // Counts follow the brush as it moves; the worker skips positions it cannot keep up with.
      if (drag.moved) this.filters.setRange(p.name, [valueAt(drag.x0), valueAt(e.offsetX)]);
    });
    const end = (e: PointerEvent) => {
      if (!drag) return;
      // A click without a drag clears the range.
      this.filters.setRange(p.name, drag.moved ? [valueAt(drag.x0), valueAt(e.offsetX)] : null);
      drag = null;
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', () => (drag = null));
    let last: { counts: ColumnCounts | null; totals: ColumnCounts | null; filter: Filter | undefined } = { counts: null, totals: null, filter: undefined };
    const draw = () => drawHistogram(canvas, last.counts, last.totals, last.filter?.kind === 'range' ? last.filter : null, p);
    new ResizeObserver(draw).observe(canvas);
    return {
      element,
      update: (filter, counts, totals) => {
        last = { counts, totals, filter };
        draw();
        const r = filter?.kind === 'range' ? filter : null;
        head.clear.hidden = !r;
        brush.hidden = !r || !(span > 0);
        if (r && span > 0) {
          brush.style.left = `${((r.min - p.min) / span) * 100}%`;
          brush.style.width = `${Math.max(0.5, ((r.max - r.min) / span) * 100)}%`;
        }
        range.textContent = r ? `${formatNumber(r.min)} – ${formatNumber(r.max)}` : `${formatNumber(p.min)} … ${formatNumber(p.max)}`;
        range.classList.toggle('on', r !== null);
        const missing = counts?.missing ?? 0;
        info.textContent = missing > 0 ? `${missing.toLocaleString('en-US')} missing` : '';
      },
    };
  }

  private categories(p: Extract<ColumnProfile, { kind: 'category' }>): Block {
    const list = h('ul', { class: 'filter-values' });
    const info = h('span', { class: 'filter-info' }, `${(p.labels.length - 1).toLocaleString('en-US')} values`);
    const head = this.header(p.name, info);
    const element = h('div', { class: 'filter-block', testid: `filter-${p.name}` }, head.element, list);
    element.dataset.column = p.name;
    const listed = Math.min(LISTED_VALUES, p.labels.length - 1);
    const rows: { code: number; bar: HTMLElement; whole: HTMLElement; count: HTMLElement; row: HTMLElement }[] = [];
    const names = p.labels.slice(1, listed + 1);
    const row = (code: number, label: string, text: string, clickable: boolean) => {
      const bar = h('span', { class: 'bar' });
      const whole = h('span', { class: 'bar whole' });
      const count = h('span', { class: 'value-count' });
      const li = h('li', { class: clickable ? 'filter-value' : 'filter-value other', title: text }, whole, bar, h('span', { class: 'value-label' }, text), count);
      // "other" is clickable too: it keeps every value not listed by name.
      li.tabIndex = 0;
      if (clickable) {
        li.dataset.testid = 'filter-value';
        li.dataset.value = label;
      } else {
        li.dataset.testid = 'filter-other';
      }
      {
        const act = (e: MouseEvent | KeyboardEvent) => {
          if (!clickable) this.filters.others(p.name, names);
          else if (e.altKey) this.filters.solo(p.name, label);
          else this.filters.pick(p.name, label, e.ctrlKey || e.metaKey || e.shiftKey);
        };
        li.addEventListener('click', act);
        li.addEventListener('keydown', (e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          act(e);
        });
      }
      rows.push({ code, bar, whole, count, row: li });
      list.append(li);
    };
    for (let code = 1; code <= listed; code++) row(code, p.labels[code], p.labels[code], true);
    // -1: every code past the listed ones, summed.
    if (p.labels.length - 1 > listed) row(-1, '', `other (${(p.labels.length - 1 - listed).toLocaleString('en-US')} values)`, false);
    row(0, MISSING, '(missing)', true);
    return {
      element,
      update: (filter, counts, totals) => {
        head.clear.hidden = !filter;
        const countOf = (c: ColumnCounts | null, code: number) => {
          if (!c) return 0;
          if (code >= 0) return c.counts[code];
          let sum = 0;
          for (let k = listed + 1; k < c.counts.length; k++) sum += c.counts[k];
          return sum;
        };
        const max = Math.max(1, ...rows.map((r) => countOf(totals, r.code)));
        for (const r of rows) {
          const total = countOf(totals, r.code);
          const shown = countOf(counts, r.code);
          r.row.hidden = r.code === 0 && total === 0;
          const on = r.code < 0 ? filter?.kind !== 'values' || filter.mode === 'out' : keeps(filter, p.labels[r.code]);
          r.row.classList.toggle('off', !on);
          r.bar.style.width = `${(shown / max) * 100}%`;
          r.whole.style.width = `${(total / max) * 100}%`;
          r.count.textContent = shown.toLocaleString('en-US');
        }
      },
    };
  }
}

function drawHistogram(canvas: HTMLCanvasElement, counts: ColumnCounts | null, totals: ColumnCounts | null, range: { min: number; max: number } | null, p: { min: number; max: number; bins: number }): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  if (!totals) return;
  const style = getComputedStyle(canvas);
  const accent = style.getPropertyValue('--accent').trim() || '#4ea1ff';
  const muted = style.getPropertyValue('--line').trim() || '#2b303b';
  const faded = style.getPropertyValue('--muted').trim() || '#9299a8';
  let max = 1;
  for (const c of totals.counts) if (c > max) max = c;
  const bar = width / p.bins;
  const span = p.max - p.min;
  for (let b = 0; b < p.bins; b++) {
    const x = b * bar;
    const total = (totals.counts[b] / max) * (height - 2);
    g.fillStyle = muted;
    g.fillRect(x + 0.5, height - total, Math.max(1, bar - 1), total);
    const shown = counts ? (counts.counts[b] / max) * (height - 2) : 0;
    // A bin wholly outside the brushed range is drawn in the muted colour: its rows are filtered out.
    const lo = p.min + (b / p.bins) * span;
    const hi = p.min + ((b + 1) / p.bins) * span;
    g.fillStyle = range && (hi < range.min || lo > range.max) ? faded : accent;
    if (shown > 0) g.fillRect(x + 0.5, height - shown, Math.max(1, bar - 1), Math.max(1, shown));
  }
}
