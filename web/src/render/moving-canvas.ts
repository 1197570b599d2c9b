// The page's side of the render worker: a second canvas over deck.gl's, handed to the worker
// (transferControlToOffscreen), which draws the map while it moves. Rows are sent only when they
// changed (positions per layout version, colours per colour version, sprite tiles per row order), each
// as a compact copy whose buffer is transferred, never the layout's own array.

import type { GlFrame, GlSheet, GlUnderlay } from './gl-points';
import type { RenderAnswer, RenderRequest } from './render-worker';

export interface MovingRows {
  /** Identify the positions (a layout and its version: frames may rewrite one array): a new key sends them again. */
  positionsKey: unknown;
  positionsVersion: number;
  positions: Float32Array;
  points: number;
  colorsKey: unknown;
  colors: Uint8Array;
  /** null: no sprites. */
  tiles: Float32Array | null;
}

export class MovingCanvas {
  readonly canvas: HTMLCanvasElement;
  private state: 'starting' | 'ready' | 'failed' = 'starting';
  private sent: { positions: unknown; version: number; colors: unknown; tiles: Float32Array | null | undefined; points: number } = { positions: undefined, version: -1, colors: undefined, tiles: undefined, points: -1 };
  private token = 0;
  /** Frames the worker has put on screen. */
  drawnFrames = 0;

  /**
   * Null where a canvas cannot be handed to a worker (the page then draws every frame with deck.gl).
   * `changed` is called when the worker is ready to draw, or has failed and is no longer used; `under`
   * gives the canvas this one covers (deck.gl's), made transparent while this one shows.
   */
  static create(container: HTMLElement, drawn: (token: number, ms: number, rows: number) => void, changed: () => void, under: () => HTMLElement | null): MovingCanvas | null {
    if (typeof Worker === 'undefined' || typeof HTMLCanvasElement.prototype.transferControlToOffscreen !== 'function') return null;
    return new MovingCanvas(container, drawn, changed, under);
  }

  private constructor(container: HTMLElement, drawn: (token: number, ms: number, rows: number) => void, private readonly changed: () => void, private readonly under: () => HTMLElement | null) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'moving-canvas';
    this.canvas.dataset.testid = 'moving-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    this.show(false);
    container.appendChild(this.canvas);
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module', name: 'map drawing' });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<RenderAnswer>) => {
      const a = event.data;
      if (a.type === 'ready') {
        this.state = 'ready';
        this.changed();
      } else if (a.type === 'failed') this.fail(a.message);
      else {
        this.drawnFrames++;
        drawn(a.token, a.ms, a.rows);
      }
    };
    worker.onerror = (event) => this.fail(event.message);
    const offscreen = this.canvas.transferControlToOffscreen();
    this.post({ type: 'canvas', canvas: offscreen }, [offscreen]);
  }

  private readonly worker: Worker;

  /** The worker draws: otherwise every frame stays with deck.gl. */
  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Shows the worker's canvas over deck.gl's (which turns transparent), or hides it (deck.gl's shows again). */
  show(on: boolean): void {
    this.canvas.style.visibility = on ? 'visible' : 'hidden';
    const under = this.under?.();
    if (on) under?.style.setProperty('opacity', '0');
    else under?.style.removeProperty('opacity');
  }

  get shown(): boolean {
    return this.canvas.style.visibility === 'visible';
  }

  /** Sends the rows that changed since the last call. */
  rows(r: MovingRows): void {
    const message: Extract<RenderRequest, { type: 'rows' }> = { type: 'rows' };
    const transfer: Transferable[] = [];
    const newCount = r.points !== this.sent.points;
    if (newCount || r.positionsKey !== this.sent.positions || r.positionsVersion !== this.sent.version) {
      message.positions = r.positions.slice(0, r.points * 3);
      transfer.push(message.positions.buffer);
      this.sent.positions = r.positionsKey;
      this.sent.version = r.positionsVersion;
    }
    if (newCount || r.colorsKey !== this.sent.colors) {
      message.colors = r.colors.slice(0, r.points * 4);
      transfer.push(message.colors.buffer);
      this.sent.colors = r.colorsKey;
    }
    if (newCount || r.tiles !== this.sent.tiles) {
      message.tiles = r.tiles ? r.tiles.slice(0, r.points) : null;
      if (message.tiles) transfer.push(message.tiles.buffer);
      this.sent.tiles = r.tiles;
    }
    this.sent.points = r.points;
    if (transfer.length > 0 || message.tiles === null) this.post(message, transfer);
  }

  /** The sprite sheet for the worker's sprites (a bitmap of its own, transferred). */
  atlas(image: ImageBitmap | null, sheet: GlSheet | null): void {
    this.post({ type: 'atlas', image, sheet }, image ? [image] : []);
  }

  /** The image under the points (a copy is sent), or null for none. */
  underlay(image: GlUnderlay | null): void {
    if (!image) {
      this.post({ type: 'underlay', image: null }, []);
      return;
    }
    const pixels = image.pixels.slice();
    this.post({ type: 'underlay', image: { ...image, pixels } }, [pixels.buffer]);
  }

  /** Rows of their own under `key` (a tile), drawn by frames that list it; copies are sent. */
  set(key: string, positions?: Float32Array, colors?: Uint8Array): void {
    const p = positions?.slice();
    const c = colors?.slice();
    this.post({ type: 'set', key, positions: p, colors: c }, [...(p ? [p.buffer] : []), ...(c ? [c.buffer] : [])]);
  }

  /** Makes the worker lose its WebGL context (tests of the fallback to deck.gl). */
  loseContext(): void {
    this.post({ type: 'lose' }, []);
  }

  drop(keys: string[]): void {
    if (keys.length > 0) this.post({ type: 'drop', keys }, []);
  }

  /** Asks for `frame`; returns its token, which comes back once it is on screen. */
  frame(frame: GlFrame): number {
    const token = ++this.token;
    this.post({ type: 'frame', frame, token }, [frame.rings.buffer]);
    return token;
  }

  private post(message: RenderRequest, transfer: Transferable[]): void {
    if (this.state === 'failed') return;
    this.worker.postMessage(message, transfer);
  }

  private fail(message: string): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.show(false);
    this.worker.terminate();
    // The map is still drawn, on the main thread, as before; say why once.
    console.warn(`The map is drawn on the page's main thread: ${message}`);
    this.changed();
  }
}
