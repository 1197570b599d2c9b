// Selecting points (click, ctrl-click, lasso, lists) and the nearest neighbours of a single selected point.

import { messageOf } from '../api/problem';
import type { Metric } from '../api/contract';
import { rowsInPolygon, type Point2 } from '../data/geometry';
import { NO_NEIGHBORS } from '../state/store';
import type { Context } from './context';

export type SelectMode = 'replace' | 'add' | 'toggle';

export class SelectionController {
  private token = 0;

  constructor(private readonly ctx: Context) {}

  select(rows: number[], mode: SelectMode): void {
    const selection = this.ctx.store.view.selection;
    let next: number[];
    if (mode === 'replace') next = [...new Set(rows)];
    else {
      const set = new Set(selection.peek());
      for (const r of rows) {
        if (mode === 'toggle' && set.has(r)) set.delete(r);
        else set.add(r);
      }
      next = [...set];
    }
    selection.value = next;
    this.follow();
  }

  clear(): void {
    this.ctx.store.view.selection.value = [];
    this.follow();
  }

  /** A click on the canvas: on a point (layout row) or on nothing. */
  click(row: number | null, keys: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): void {
    if (row === null) {
      if (!keys.shiftKey && !keys.ctrlKey && !keys.metaKey) this.select([], 'replace');
      return;
    }
    this.select([this.ctx.store.datasetRow(row)], keys.ctrlKey || keys.metaKey ? 'toggle' : 'replace');
  }

  /** A lasso polygon in canvas pixels; fewer than 3 points is a shift-click. */
  lasso(polygon: Point2[]): void {
    const { store, scene } = this.ctx;
    const layout = store.layout.peek();
    if (!layout) return;
    if (polygon.length < 3) {
      // A shift-click: add or remove the point under the pointer.
      const screen = scene.screenPositions();
      const [x, y] = polygon[0];
      let best = -1;
      let bestDistance = 8 * 8;
      const mask = store.filterMask.peek();
      for (let i = 0; i < layout.points; i++) {
        if (mask && mask[store.datasetRow(i)] === 0) continue;
        const d = (screen[i * 2] - x) ** 2 + (screen[i * 2 + 1] - y) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
      if (best >= 0) this.select([store.datasetRow(best)], 'toggle');
      return;
    }
    // Rows filtered out are not taken, dimmed or hidden.
    const mask = store.filterMask.peek();
    const rows = rowsInPolygon(scene.screenPositions(), polygon).map((r) => store.datasetRow(r)).filter((r) => !mask || mask[r] === 1);
    this.select(rows, 'add');
  }

  /** After the selection changed: a single selected point gets its neighbours, anything else none. */
  follow(): void {
    const { store } = this.ctx;
    const selection = store.view.selection.peek();
    const one = selection.length === 1 ? selection[0] : null;
    if (one !== store.neighbors.peek().of) {
      store.neighbors.value = NO_NEIGHBORS;
      if (one !== null) void this.loadNeighbors();
    }
  }

  async loadNeighbors(): Promise<void> {
    const { store, source, busy } = this.ctx;
    const item = store.item.peek();
    const selection = store.view.selection.peek();
    const point = selection.length === 1 ? selection[0] : null;
    if (!item || point === null) return;
    const token = ++this.token;
    const { k: wanted, metric } = store.view.neighbors.peek();
    const k = Math.max(1, Math.min(wanted, 1000, item.points - 1));
    try {
      const answer = await busy.during('Finding the nearest neighbours…', source.neighbors(item.id, point, k, metric));
      if (token !== this.token || store.item.peek() !== item) return;
      store.neighbors.value = { of: point, items: answer.neighbors };
    } catch (error) {
      if (token === this.token) store.error.value = messageOf(error);
    }
  }

  setNeighborOptions(k: number, metric: Metric): void {
    const { store } = this.ctx;
    store.view.neighbors.value = { k, metric };
    // The list stays highlighted until the new one arrives; the panel shows that it is being replaced.
    store.neighbors.value = { ...store.neighbors.peek(), of: null };
    void this.loadNeighbors();
  }
}
