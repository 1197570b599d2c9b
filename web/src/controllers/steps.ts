// Comparing training steps (or any items of a group holding the same rows): switching step keeps the
// map on screen, asks the server for the new step's layout continued from and turned onto the one shown
// (`alignTo`), then moves every point from where it was to where it is now over a fraction of a second.
// How far each point moved becomes a number column the map can be coloured by, with a summary line.

import { signal } from '@preact/signals-core';
import type { CatalogItem, Job, MetadataColumn } from '../api/contract';
import type { Layout } from '../data/layout';
import { displacement, ease, lerpInto } from '../data/step-motion';
import type { Context } from './context';

/** The column the displacement is kept in: per point, its move as a percentage of the layout's spread. */
export const MOVED_COLUMN = 'moved since previous step (% of spread)';

/** How long the map takes to move from one step to the next, in milliseconds. */
export const MORPH_MS = 700;

/** What changed from the step shown before to the one shown now. */
export interface StepChange {
  /** Names of the two items, as the pickers show them (step numbers, or tensor names). */
  from: string;
  to: string;
  points: number;
  /** Mean and largest move, in per cent of the earlier layout's spread. */
  meanPercent: number;
  maxPercent: number;
}

/** The step on screen when the user picked another one. */
interface Before {
  item: CatalogItem;
  next: CatalogItem;
  job: Job;
  raw: Float32Array;
  rawDims: number;
  positions: Float32Array;
  /** The map was coloured by the displacement: it is again once the new one is known. */
  colouredByMove: boolean;
}

interface Motion {
  layout: Layout;
  from: Float32Array;
  to: Float32Array;
  start: number;
  duration: number;
  frame: number;
}

export class StepsController {
  /** The last step change, for the summary line; null when the map shows no comparison. */
  readonly change = signal<StepChange | null>(null);
  /** Milliseconds a move takes (the browser tests slow it down to look at the middle). */
  duration = MORPH_MS;
  private before: Before | null = null;
  private motion: Motion | null = null;

  constructor(private readonly ctx: Context) {}

  /** True while the map moves from one step to the next. */
  get moving(): boolean {
    return this.motion !== null;
  }

  /** How far the move has gone, 0..1, or null when the map is still. */
  progress(now = performance.now()): number | null {
    const m = this.motion;
    return m ? Math.min(1, (now - m.start) / Math.max(1, m.duration)) : null;
  }

  /**
   * The user picked `next`, an item of the current group: when the layout on screen is a finished PCA,
   * t-SNE or UMAP of every row and `next` has as many rows, keeps it and returns the job to align the
   * next layout to. Otherwise null (the map is simply replaced).
   */
  begin(next: CatalogItem): string | null {
    this.settle();
    this.before = null;
    this.change.value = null;
    const { store } = this.ctx;
    const item = store.item.peek();
    const job = store.job.peek();
    const layout = store.layout.peek();
    if (!item || !job || !layout?.raw || item.group !== next.group || item.id === next.id) return null;
    if (job.status !== 'done' || job.method === 'custom' || job.dataset !== item.id) return null;
    if (store.rows.peek() !== null || next.points !== item.points || layout.points !== item.points) return null;
    this.before = {
      item, next, job, raw: layout.raw.slice(), rawDims: layout.rawDims, positions: layout.positions.slice(),
      colouredByMove: store.view.color.peek() === MOVED_COLUMN,
    };
    return job.id;
  }

  /** Another dataset, or a step switch that could not be aligned: nothing is compared. */
  abandon(): void {
    this.settle();
    this.before = null;
    this.change.value = null;
  }

  /**
   * A layout was written into `layout` for `job`. When it is the aligned layout of the step picked in
   * `begin`, the map moves to it from where the points were, and the displacement is computed.
   */
  arrived(layout: Layout, job: Job | null): void {
    this.settle();
    const before = this.before;
    if (!before) return;
    const { store } = this.ctx;
    if (!job || job.dataset !== before.next.id || store.item.peek()?.id !== before.next.id) return;
    this.before = null;
    if (!layout.raw || layout.points !== before.positions.length / 3 || layout.rawDims !== before.rawDims) return;
    this.measure(before, layout);
    const to = layout.positions.slice();
    layout.positions.set(before.positions);
    this.motion = { layout, from: before.positions, to, start: performance.now(), duration: this.duration, frame: 0 };
    this.tick();
  }

  /** Ends a move at once, with the points where they are going (another layout is about to be shown). */
  settle(): void {
    const m = this.motion;
    if (!m) return;
    cancelAnimationFrame(m.frame);
    this.motion = null;
    m.layout.positions.set(m.to);
    this.redraw(m.layout);
  }

  private tick(): void {
    const m = this.motion;
    if (!m) return;
    const t = this.progress() ?? 1;
    lerpInto(m.from, m.to, ease(t), m.layout.positions);
    this.redraw(m.layout);
    if (t >= 1) {
      m.layout.positions.set(m.to);
      this.motion = null;
      return;
    }
    m.frame = requestAnimationFrame(() => this.tick());
  }

  private redraw(layout: Layout): void {
    const { store } = this.ctx;
    layout.version++;
    if (store.layout.peek() === layout) store.layoutVersion.value++;
  }

  /** Puts each point's move (per cent of the earlier layout's spread) in the metadata, and the summary. */
  private measure(before: Before, layout: Layout): void {
    const { store } = this.ctx;
    const columns = layout.axes.filter((a): a is number => a !== null);
    const d = displacement(before.raw, layout.raw!, layout.rawDims, columns);
    const scale = d.spread > 0 ? 100 / d.spread : 0;
    const values = Array.from(d.moved, (v) => (Number.isFinite(v) ? v * scale : null));
    const metadata = store.metadata.peek();
    if (metadata && metadata.rows === values.length) {
      const column: MetadataColumn = { name: MOVED_COLUMN, kind: 'number', values };
      store.metadata.value = { ...metadata, columns: [...metadata.columns.filter((c) => c.name !== MOVED_COLUMN), column] };
      if (before.colouredByMove) store.view.color.value = MOVED_COLUMN;
    }
    this.change.value = {
      from: nameOf(before.item, before.next), to: nameOf(before.next, before.item), points: values.length,
      meanPercent: d.mean * scale, maxPercent: d.max * scale,
    };
  }
}

/** What tells `item` from `other` in the pickers: its step, else its run, tensor or name. */
function nameOf(item: CatalogItem, other: CatalogItem): string {
  if (item.step !== other.step && item.step !== null && item.step !== undefined) return `step ${item.step}`;
  if (item.run !== other.run && item.run) return `run ${item.run}`;
  if (item.tensor !== other.tensor && item.tensor) return item.tensor;
  return item.name;
}
