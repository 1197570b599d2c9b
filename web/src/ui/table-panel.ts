// The table under the map: the listed rows (see controllers/table.ts) with the sprite, the index and
// every metadata column. Only the rows in view are in the DOM, a pool of row elements rewritten as
// the table scrolls (data/table-window.ts), so a million rows scroll like ten.

import './table-panel.css';
import type { Controllers } from '../controllers/controllers';
import type { TableSource } from '../controllers/table';
import { cellText } from '../data/delimited';
import { nextSort } from '../data/table-sort';
import { tableWindow } from '../data/table-window';
import type { Store } from '../state/store';
import { h } from './dom';
import { spriteTileStyle } from './sprite-tile';
import { watch } from './watch';

const OPEN_KEY = 'projector.table';
const ROW = 24;
const SPRITE_ROW = 34;
const THUMB = 30;

export class TablePanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly toggle = h('button', { type: 'button', class: 'table-toggle', testid: 'table-toggle' });
  private readonly summary = h('span', { class: 'table-summary', testid: 'table-source' });
  private readonly sortNote = h('span', { class: 'hint', testid: 'table-sorting' });
  private readonly tsv = h('button', { type: 'button', testid: 'table-download-tsv', title: 'The rows listed, in this order, as TSV' }, '.tsv');
  private readonly csv = h('button', { type: 'button', testid: 'table-download-csv', title: 'The rows listed, in this order, as CSV' }, '.csv');
  private readonly parquet = h('button', { type: 'button', testid: 'table-download-parquet', title: 'The rows listed, in this order, as Parquet (numbers stay numbers)' }, '.parquet');
  private readonly head = h('div', { class: 'table-head', role: 'row' });
  private readonly headWrap = h('div', { class: 'table-head-wrap' }, this.head);
  private readonly rowsBox = h('div', { class: 'table-rows', role: 'rowgroup' });
  private readonly spacer = h('div', { class: 'table-spacer' }, this.rowsBox);
  private readonly body = h('div', { class: 'table-body', testid: 'table-body', tabindex: 0, 'aria-label': 'Rows' }, this.spacer);
  private readonly grid = h('div', { class: 'table-grid', role: 'table' }, this.headWrap, this.body);
  private pool: HTMLElement[] = [];
  private rowHeight = ROW;
  private sprite = false;
  private version = 0;
  private pending = 0;
  private selected = new Set<number>();

  constructor(private readonly store: Store, private readonly c: Controllers, onResize: () => void) {
    const table = c.table;
    this.element = h('section', { class: 'table-dock', testid: 'table-dock', 'aria-label': 'Table of the points' },
      h('div', { class: 'table-bar' }, this.toggle, this.summary, this.sortNote, h('span', { class: 'table-fill' }), this.tsv, this.csv, this.parquet),
      this.grid);
    table.open.value = remembered() === 'open';
    this.toggle.addEventListener('click', () => {
      table.open.value = !table.open.peek();
      remember(table.open.peek() ? 'open' : 'closed');
      onResize();
    });
    this.tsv.addEventListener('click', () => table.download('\t'));
    this.csv.addEventListener('click', () => table.download(','));
    this.parquet.addEventListener('click', () => void table.downloadParquet());
    this.body.addEventListener('scroll', () => {
      this.headWrap.scrollLeft = this.body.scrollLeft;
      this.drawSoon();
    }, { passive: true });
    this.rowsBox.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.table-row');
      if (row?.dataset.index) table.click(Number(row.dataset.index), e);
    });
    this.head.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-column]');
      if (!cell) return;
      const name = cell.dataset.column === '' ? null : cell.dataset.column!;
      table.sortBy(nextSort(table.sort.peek(), name));
    });
    // The box changes size with the window and the side panels (ResizeObserver is absent in some test DOMs).
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.drawSoon()).observe(this.body);

    this.dispose = watch(
      () => {
        const open = table.open.value;
        this.element.classList.toggle('open', open);
        this.toggle.setAttribute('aria-expanded', String(open));
        this.toggle.textContent = `${open ? '▾' : '▸'} Table`;
        this.toggle.title = open ? 'Fold the table' : 'Show the selection (or every point) as a table';
        this.grid.hidden = !open;
        this.tsv.hidden = !open;
        this.csv.hidden = !open;
        this.parquet.hidden = !open;
      },
      () => this.renderHead(),
      () => {
        table.rows.value;
        this.body.scrollTop = 0;
        this.drawSoon();
      },
      () => {
        this.selected = new Set(store.view.selection.value);
        this.drawSoon();
      },
      () => {
        // Folded, the table lists nothing yet: the bar still says what it would list.
        const total = store.metadata.value?.rows ?? 0;
        const { source, count } = table.listing.value;
        const rows = table.open.value ? table.rows.value.length : count;
        this.summary.textContent = describe(table.open.value ? table.source.value : source, rows, total);
        this.sortNote.textContent = table.sorting.value ? 'Sorting…' : '';
        this.tsv.disabled = rows === 0;
        this.csv.disabled = rows === 0;
        this.parquet.disabled = rows === 0 || table.writing.value;
      },
    );
  }

  /** The header and the column widths, for the dataset's columns (a tag may add one). */
  private renderHead(): void {
    const store = this.store;
    const columns = store.columns.value;
    const sort = this.c.table.sort.value;
    const item = store.item.value;
    this.sprite = !!(item?.sprite && store.spriteUrl.value);
    this.rowHeight = this.sprite ? SPRITE_ROW : ROW;
    const widths = [...(this.sprite ? [`${THUMB + 8}px`] : []), '72px', ...columns.map((c) => `${widthOf(c.name, c.values)}px`)];
    this.grid.style.setProperty('--table-columns', widths.join(' '));
    this.grid.style.setProperty('--table-row', `${this.rowHeight}px`);
    const header = (label: string, column: string | null, numeric: boolean) => {
      const on = sort?.column === column;
      return h('button', {
        type: 'button', class: `table-cell table-header${numeric ? ' numeric' : ''}`, role: 'columnheader', testid: 'table-header',
        'data-column': column ?? '', 'aria-sort': on ? (sort!.descending ? 'descending' : 'ascending') : 'none',
        title: `Sort by ${label}`,
      }, label, on ? (sort!.descending ? ' ▼' : ' ▲') : '');
    };
    this.head.replaceChildren(
      ...(this.sprite ? [h('span', { class: 'table-cell', role: 'columnheader' })] : []),
      header('index', null, true),
      ...columns.map((c) => header(c.name, c.name, c.kind === 'number')));
    // Cells are rewritten: the columns or their values changed.
    this.version++;
    this.pool.forEach((row) => row.remove());
    this.pool = [];
    this.drawSoon();
  }

  private drawSoon(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  private draw(): void {
    if (!this.c.table.open.peek()) return;
    const rows = this.c.table.rows.peek();
    const viewport = this.body.clientHeight || 200;
    const w = tableWindow(this.body.scrollTop, viewport, rows.length, this.rowHeight);
    this.spacer.style.height = `${w.height}px`;
    this.rowsBox.style.transform = `translateY(${w.top}px)`;
    const count = w.end - w.first;
    while (this.pool.length < count) {
      const row = this.newRow();
      this.pool.push(row);
      this.rowsBox.append(row);
    }
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      el.hidden = i >= count;
      if (i < count) this.fill(el, rows[w.first + i], w.first + i);
    }
  }

  private newRow(): HTMLElement {
    const cells = (this.sprite ? 1 : 0) + 1 + this.store.columns.peek().length;
    const row = h('div', { class: 'table-row', role: 'row', testid: 'table-row' });
    for (let i = 0; i < cells; i++) row.append(h('span', { class: i === (this.sprite ? 1 : 0) ? 'table-cell numeric' : 'table-cell', role: 'cell' }));
    return row;
  }

  private fill(el: HTMLElement, row: number, position: number): void {
    el.classList.toggle('selected', this.selected.has(row));
    el.classList.toggle('odd', position % 2 === 1);
    const key = `${this.version}:${row}`;
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.dataset.index = String(row);
    const cells = el.children;
    let at = 0;
    if (this.sprite) {
      const info = this.store.item.peek()?.sprite;
      const url = this.store.spriteUrl.peek();
      const style = info && url ? spriteTileStyle(info, url, row, THUMB) : null;
      const thumb = cells[at++] as HTMLElement;
      thumb.replaceChildren(style ? h('span', { class: 'table-thumb', testid: 'table-thumb', style }) : '');
    }
    cells[at++].textContent = String(row);
    for (const column of this.store.columns.peek()) {
      const cell = cells[at++] as HTMLElement;
      cell.textContent = cellText(column, row);
      cell.classList.toggle('numeric', column.kind === 'number');
    }
  }
}

function describe(source: TableSource, rows: number, total: number): string {
  const n = rows.toLocaleString('en-US');
  const of = total.toLocaleString('en-US');
  const points = rows === 1 ? 'point' : 'points';
  if (source === 'selection') return `Selection: ${n} of ${of} ${points}`;
  if (source === 'filter') return `Filtered: ${n} of ${of} ${points}`;
  return `All ${n} ${points}`;
}

/** A column wide enough for its name and the first values (text is cut with an ellipsis past 260 px). */
function widthOf(name: string, values: ArrayLike<string | number | null>): number {
  let longest = name.length + 2;
  for (let i = 0; i < Math.min(values.length, 200); i++) longest = Math.max(longest, String(values[i] ?? '').length);
  return Math.max(56, Math.min(260, Math.round(longest * 7.5 + 16)));
}

function remembered(): string | null {
  try {
    return localStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
}

function remember(value: string): void {
  try {
    localStorage.setItem(OPEN_KEY, value);
  } catch {
    // Not remembered: the table stays as it is until the page closes.
  }
}
