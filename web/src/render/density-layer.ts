// The density shading under the points of a 2-D layout: the kernel density of the points shown (those
// passing the filters when a filter is active), recomputed in a worker when the layout, the filters or
// the switch change, and drawn as one bitmap in layout coordinates, so panning and zooming cost nothing.

import { effect } from '@preact/signals-core';
import { BitmapLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Store } from '../state/store';
import type { DensityAnswer, DensityRequest } from './density-worker';
import type { GlUnderlay } from './gl-points';

/** Cells per side of the density grid. */
export const DENSITY_GRID = 512;
const SHADE: [number, number, number] = [110, 160, 255];

export interface DensityStats {
  /** Points counted in the last picture, and how long the worker took for it. */
  points: number;
  milliseconds: number;
  /** Pictures drawn so far (the browser tests wait for the next one). */
  count: number;
}

export class DensityShading {
  readonly stats: DensityStats = { points: 0, milliseconds: 0, count: 0 };
  readonly dispose: () => void;
  private worker: Worker | null = null;
  private sent = 0;
  private busy = false;
  private dirty = false;

  /** `show` gets the layers and the same picture as an image (for the render worker's moving frames). */
  constructor(private readonly store: Store, private readonly show: (layers: Layer[], image: GlUnderlay | null) => void) {
    this.dispose = effect(() => {
      const on = store.layers.showDensity.value && store.view.dims.value === 2;
      const layout = store.layout.value;
      store.layoutVersion.value;
      store.rows.value;
      store.filterMask.value;
      if (!on || !layout) {
        this.sent++;
        this.show([], null);
        return;
      }
      this.request();
    });
  }

  private request(): void {
    if (this.busy) {
      // One picture at a time: while t-SNE streams frames, the newest layout is taken once the last is drawn.
      this.dirty = true;
      return;
    }
    const layout = this.store.layout.peek();
    if (!layout || typeof Worker === 'undefined') return;
    this.worker ??= this.start();
    const request: DensityRequest = {
      id: ++this.sent, positions: layout.positions.slice(), mask: this.mask(layout.points), size: DENSITY_GRID, color: SHADE,
    };
    this.busy = true;
    this.dirty = false;
    this.worker.postMessage(request, [request.positions.buffer, ...(request.mask ? [request.mask.buffer] : [])]);
  }

  /** One byte per layout row from the filters' mask over dataset rows; null when no filter is active. */
  private mask(points: number): Uint8Array | null {
    const filter = this.store.filterMask.peek();
    if (!filter) return null;
    const rows = this.store.rows.peek();
    if (!rows) return filter.slice(0, points);
    const out = new Uint8Array(points);
    for (let i = 0; i < points; i++) out[i] = filter[rows[i]];
    return out;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./density-worker.ts', import.meta.url), { type: 'module', name: 'density' });
    worker.onmessage = (event: MessageEvent<DensityAnswer>) => {
      const a = event.data;
      this.busy = false;
      if (a.id === this.sent) {
        const [x0, y0, x1, y1] = a.bounds;
        this.show([new BitmapLayer({
          id: 'density',
          image: new ImageData(new Uint8ClampedArray(a.pixels.buffer as ArrayBuffer), a.size, a.size),
          bounds: [x0, y0, x1, y1],
          pickable: false,
          parameters: { depthCompare: 'always' },
        }) as unknown as Layer], { pixels: a.pixels, size: a.size, bounds: [x0, y0, x1, y1] });
        this.stats.points = a.points;
        this.stats.milliseconds = a.milliseconds;
        this.stats.count++;
      }
      if (this.dirty || a.id !== this.sent) {
        if (this.store.layers.showDensity.peek() && this.store.view.dims.peek() === 2) this.request();
      }
    };
    return worker;
  }
}
