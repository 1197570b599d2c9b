// The map of a tile set: a 2-D deck.gl view whose camera decides which tiles are needed (the level
// from the zoom, the tiles from the viewport), drawn as dot layers as they arrive from the worker.
// While the camera moves, the map's frame budget (render/budget.ts) decides how much of each tile a
// frame draws (a prefix of its random-ordered rows: the same tiles, thinner); once still for its
// settle time, every point of every tile in view is drawn. A drag counts as movement until the button
// is released (a pause mid-drag would otherwise draw the full picture, the slowest frame there is,
// just before the next move), and so does a tile arriving while others in view are still on their
// way: on software WebGL a frame of every point blocks the main thread for hundreds of milliseconds,
// and redrawing all of them on each arrival made loading a chain of such tasks. The last tile in view
// to arrive is drawn with everything.
// Hover picks on the CPU among the points shown, at most once per animation frame.
// Where a canvas can be handed to a worker, every picture, moving or still, is drawn by the render
// worker (render/moving-canvas.ts) from the tiles' own buffers, uploaded once per tile and colouring:
// deck.gl keeps only the camera and the viewport, so the main thread draws no WebGL and never waits on
// the canvas read-back (one still frame of a 10M set held it 323–545 ms).

import { Deck, OrthographicView } from '@deck.gl/core';
import type { DecodedTile } from '../api/tile-decode';
import type { TileSource } from '../api/tile-source';
import { levelForZoom, TileIndex, type TileColumn } from '../api/tile-set';
import { tileColors } from '../data/tile-colors';
import { deckViewState, fittedCamera } from '../render/camera';
import { hoverPicking } from '../render/hover-picking';
import { RenderBudget, type DrawPlan } from '../render/budget';
import { tileDotRadius, tileLayers, tileRowsDrawn } from '../render/tile-layer';
import { MovingCanvas } from '../render/moving-canvas';
import { ringsOf, type RingSpec } from '../render/moving-rings';
import { MARK_COLORS } from '../render/mark-colors';
import type { MarkKind } from '../data/highlight';

/** Tile points the render worker keeps beyond those in view, least recently shown dropped first. */
const WORKER_POINTS = 4_000_000;

export interface TileViewStats {
  level: number;
  tilesWanted: number;
  tilesShown: number;
  pointsShown: number;
  requested: number;
  loaded: number;
  failed: number;
  cachedPoints: number;
  /** Points the layers last handed to deck.gl draw: all of `pointsShown` when still, a subset while moving. */
  pointsDrawn: number;
  /** Every how many points of a tile are drawn (1: all of them; more while the camera moves). */
  stride: number;
  /** The camera has moved within the settle time: the picture is drawn within the frame budget. */
  moving: boolean;
  /** The view in world coordinates, [minX, minY, maxX, maxY] (the root tile is [-1, 1]^2). */
  viewport: [number, number, number, number];
  frames: number;
  /** performance.now() of each drawn frame (the last 600), for frame-time measurements. */
  frameTimes: number[];
  /** Rings drawn over the tiles (search matches, a chosen row, its neighbours). */
  marks: number;
}

/** A ring over the tiles at a position in world coordinates (the root tile is [-1, 1]^2). */
export interface TileMark {
  at: [number, number];
  kind: MarkKind;
}

const NO_POSITIONS = new Float32Array(0);

export class TileView {
  private readonly deck: Deck<OrthographicView>;
  private viewState: Record<string, unknown>;
  private column: TileColumn | null = null;
  private colors = new WeakMap<DecodedTile, { column: TileColumn | null; rgba: Uint8Array }>();
  private shown: DecodedTile[] = [];
  private wanted = 0;
  private level = 0;
  private frames = 0;
  private readonly frameTimes: number[] = [];
  private scheduled = 0;
  private readonly index: TileIndex;
  private budget: RenderBudget;
  private plan: DrawPlan;
  private drawn: { start: number; plan: DrawPlan; points: number } | null = null;
  private pointsDrawn = 0;
  private viewport: [number, number, number, number] = [-1, -1, 1, 1];
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private dragging = false;
  private arrived = false;
  private readonly worker: MovingCanvas | null;
  /** Tiles the worker holds, with the colours sent, in the order they were last shown (oldest first). */
  private readonly held = new Map<string, { colors: Uint8Array; points: number }>();
  private readonly posted = new Map<number, { plan: DrawPlan; points: number }>();
  private marks: TileMark[] = [];

  constructor(private readonly container: HTMLElement, private readonly source: TileSource, private readonly callbacks: { changed(): void; hover(point: { tile: DecodedTile; index: number; x: number; y: number } | null): void; click?(point: { tile: DecodedTile; index: number; x: number; y: number }): void }) {
    const { width, height } = this.size();
    this.viewState = deckViewState(2, fittedCamera(2, width, height));
    this.index = new TileIndex(source.info.tiles);
    this.budget = new RenderBudget({ maxPixelRatio: Math.min(2, window.devicePixelRatio || 1) });
    this.plan = { pixelRatio: this.budget.maxPixelRatio, sprites: 0, dots: 1 };
    this.deck = new Deck<OrthographicView>({
      parent: container as HTMLDivElement,
      views: new OrthographicView({ id: '2d', flipY: false }),
      viewState: this.viewState,
      controller: { doubleClickZoom: false, inertia: false },
      layers: [],
      useDevicePixels: this.budget.maxPixelRatio,
      deviceProps: { type: 'webgl', webgl: { antialias: false } },
      getCursor: ({ isDragging }) => (isDragging ? 'grabbing' : 'crosshair'),
      onViewStateChange: ({ viewState }) => {
        this.budget.activity(performance.now());
        this.viewState = viewState as Record<string, unknown>;
        this.deck.setProps({ viewState: this.viewState });
        this.update();
        return viewState;
      },
      onBeforeRender: () => {
        this.drawn = { start: performance.now(), plan: this.plan, points: this.shownPoints() };
      },
      onAfterRender: () => {
        this.frames++;
        this.frameTimes.push(performance.now());
        if (this.frameTimes.length > 600) this.frameTimes.shift();
        const drawn = this.drawn;
        // The frame's cost shows when the next one may start (software GL draws in another process).
        if (drawn) requestAnimationFrame(() => this.budget.observe(performance.now() - drawn.start, drawn.plan, drawn.points));
      },
    });
    this.worker = MovingCanvas.create(container, (token, ms) => this.workerDrawn(token, ms), () => {
      // From now on the worker draws (deck.gl's layers go), or, when it failed, deck.gl again.
      this.deck.setProps(this.worker?.ready ? { _customRender: () => this.postFrame(), layers: [] } : { _customRender: null });
      this.update();
    }, () => this.deck.getCanvas?.() ?? null);
    source.onChange = () => {
      this.arrived = true;
      this.updateSoon();
    };
    container.addEventListener('pointerdown', () => (this.dragging = true), { capture: true });
    const release = () => {
      if (!this.dragging) return;
      this.dragging = false;
      // A thinned picture is completed once still; a click that moved nothing redraws nothing.
      if (this.plan.dots > 1) this.settleSoon();
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    hoverPicking(container, (x, y) => this.pick(x, y), (found) => this.callbacks.hover(found));
    // A click (a press and release that did not drag the view) on a point hands it to the page.
    let pressed: { x: number; y: number } | null = null;
    container.addEventListener('pointerdown', (e) => (pressed = { x: e.clientX, y: e.clientY }));
    container.addEventListener('pointerup', (e) => {
      const from = pressed;
      pressed = null;
      if (!from || !this.callbacks.click || Math.hypot(e.clientX - from.x, e.clientY - from.y) > 4) return;
      const rect = container.getBoundingClientRect();
      const found = this.pick(e.clientX - rect.left, e.clientY - rect.top);
      if (found) this.callbacks.click(found);
    });
    window.addEventListener('resize', () => this.updateSoon());
    this.updateSoon();
  }

  get stats(): TileViewStats {
    const s = this.source.stats;
    return {
      level: this.level, tilesWanted: this.wanted, tilesShown: this.shown.length,
      pointsShown: this.shownPoints(), pointsDrawn: this.pointsDrawn, stride: this.plan.dots,
      moving: this.dragging || this.budget.moving(performance.now()), viewport: [...this.viewport],
      requested: s.requested, loaded: s.loaded, failed: s.failed, cachedPoints: s.cachedPoints,
      frames: this.frames, frameTimes: [...this.frameTimes], marks: this.marks.length,
    };
  }

  /** Draws rings at these positions over the tiles, until replaced (an empty list clears them). */
  setMarks(marks: TileMark[]): void {
    this.marks = marks;
    this.update();
  }

  /** Centres the camera on `at` (world units), zoomed in to at least `levels` levels below the fitted view. */
  focus(at: [number, number], levels: number): void {
    const { width, height } = this.size();
    const zoom = Math.max(Number(this.viewState.zoom ?? 0), fittedCamera(2, width, height).zoom + levels);
    this.setCamera(at, zoom);
  }

  colorBy(column: TileColumn | null): void {
    this.column = column;
    this.update();
  }

  fit(): void {
    const { width, height } = this.size();
    this.viewState = deckViewState(2, fittedCamera(2, width, height));
    this.deck.setProps({ viewState: this.viewState });
    this.update();
  }

  /**
   * Gives moving frames `ms` milliseconds each, from now on, with nothing learned yet of their cost
   * (for tests: on a fast machine the default 33 ms may fit every point, so nothing is thinned).
   */
  setFrameBudget(ms: number): void {
    this.budget = new RenderBudget({ budgetMs: ms, maxPixelRatio: this.budget.maxPixelRatio });
  }

  /** Moves the camera to `target` at `zoom` (world units; the root tile is [-1, 1]^2). */
  setCamera(target: [number, number], zoom: number): void {
    this.viewState = { ...this.viewState, target: [target[0], target[1], 0], zoom };
    this.deck.setProps({ viewState: this.viewState });
    this.update();
  }

  private updateSoon(): void {
    if (this.scheduled !== 0) return;
    this.scheduled = requestAnimationFrame(() => {
      this.scheduled = 0;
      this.update();
    });
  }

  private update(): void {
    // The view manager exists once deck.gl has set up its device, a frame or so after construction.
    const viewport = this.deck.isInitialized ? this.deck.getViewports()[0] : undefined;
    if (!viewport) {
      this.updateSoon();
      return;
    }
    const [x0, y0, x1, y1] = viewport.getBounds();
    this.viewport = [x0, y0, x1, y1];
    this.level = levelForZoom(Number(this.viewState.zoom ?? 0), this.source.info.levels);
    const wanted = this.index.inView(this.viewport, this.level);
    this.wanted = wanted.length;
    this.shown = this.source.want(wanted);
    const points = this.shownPoints();
    const now = performance.now();
    if (this.dragging || (this.arrived && this.shown.length < wanted.length)) this.budget.activity(now);
    this.arrived = false;
    const moving = this.budget.moving(now);
    const planned = this.budget.plan(now, points, false);
    // While moving, at most twice the points of the last frame: the budget's cost line is fitted to the
    // thinned frames it has seen, and extrapolated tenfold it can promise a frame of every other point
    // (hundreds of milliseconds on software WebGL) from a few noisy frames of every 32nd.
    const plan = moving && this.plan.dots > 1 ? { ...planned, dots: Math.max(planned.dots, this.plan.dots / 2) } : planned;
    if (plan.pixelRatio !== this.plan.pixelRatio) this.deck.setProps({ useDevicePixels: plan.pixelRatio });
    this.plan = plan;
    if (moving) this.settleSoon();
    const stride = Math.max(1, plan.dots);
    this.pointsDrawn = this.shown.reduce((sum, t) => sum + tileRowsDrawn(t.points, stride), 0);
    if (this.worker?.ready) {
      this.sendTiles();
      this.postFrame();
    } else {
      // The dot size follows the points in view, not those drawn: a thinned frame looks sparser, not different.
      this.deck.setProps({ layers: tileLayers(this.shown, (t) => this.colorsOf(t), tileDotRadius(points), stride) });
    }
    this.callbacks.changed();
  }

  /** The tiles in view and their colours to the worker (what it lacks), and the least recently shown dropped beyond WORKER_POINTS. */
  private sendTiles(): void {
    const worker = this.worker!;
    for (const tile of this.shown) {
      const colors = this.colorsOf(tile);
      const had = this.held.get(tile.key);
      if (!had) worker.set(tile.key, tile.positions.subarray(0, tile.points * 3), colors);
      else if (had.colors !== colors) worker.set(tile.key, undefined, colors);
      this.held.delete(tile.key);
      this.held.set(tile.key, { colors, points: tile.points });
    }
    let total = 0;
    for (const h of this.held.values()) total += h.points;
    const inView = new Set(this.shown.map((t) => t.key));
    const dropped: string[] = [];
    for (const [key, h] of this.held) {
      if (total <= WORKER_POINTS) break;
      if (inView.has(key)) continue;
      dropped.push(key);
      total -= h.points;
    }
    for (const key of dropped) this.held.delete(key);
    worker.drop(dropped);
  }

  /** One picture for the worker through deck.gl's current viewport (deck.gl's own redraws come here too). */
  private postFrame(): void {
    const viewport = this.deck.isInitialized ? this.deck.getViewports()[0] : undefined;
    if (!this.worker?.ready || !viewport) return;
    const { width, height } = this.size();
    const stride = Math.max(1, this.plan.dots);
    const points = this.shownPoints();
    const token = this.worker.frame({
      width, height, pixelRatio: this.plan.pixelRatio,
      viewProjection: viewport.viewProjectionMatrix as unknown as number[],
      depth: false, dots: 0, sprites: 0, radius: tileDotRadius(points), spriteSize: 0, opacity: 1, tint: false,
      rings: ringsOf(this.ringSpecs(points), NO_POSITIONS, 0),
      sets: this.shown.map((t) => ({ key: t.key, rows: tileRowsDrawn(t.points, stride) })),
    });
    this.posted.set(token, { plan: this.plan, points });
  }

  private ringSpecs(points: number): RingSpec[] {
    const radius = tileDotRadius(points);
    return this.marks.map((m) => ({
      at: [m.at[0], m.at[1], 0],
      line: MARK_COLORS[m.kind],
      radius: m.kind === 'selected' ? radius + 6 : radius + 4,
      width: m.kind === 'selected' ? 2.5 : 1.5,
    }));
  }

  private workerDrawn(token: number, ms: number): void {
    const frame = this.posted.get(token);
    for (const t of this.posted.keys()) if (t <= token) this.posted.delete(t);
    if (!frame || !this.worker?.ready) return;
    if (!this.worker.shown) this.worker.show(true);
    this.frames++;
    this.frameTimes.push(performance.now());
    if (this.frameTimes.length > 600) this.frameTimes.shift();
    this.budget.observe(ms, frame.plan, frame.points);
  }

  private shownPoints(): number {
    return this.shown.reduce((sum, t) => sum + t.points, 0);
  }

  /** Redraws every point once the camera has been still for the budget's settle time (a drag re-arms it on release). */
  private settleSoon(): void {
    if (this.settleTimer !== null || this.dragging) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.dragging) return;
      if (this.budget.moving(performance.now())) this.settleSoon();
      else this.update();
    }, this.budget.untilStill(performance.now()) + 5);
  }

  private colorsOf(tile: DecodedTile): Uint8Array {
    const found = this.colors.get(tile);
    if (found && found.column === this.column) return found.rgba;
    const rgba = tileColors(tile.points, this.column, this.column ? tile.columns[this.column.name] : undefined);
    this.colors.set(tile, { column: this.column, rgba });
    return rgba;
  }

  private pick(x: number, y: number): { tile: DecodedTile; index: number; x: number; y: number } | null {
    const viewport = this.deck.isInitialized ? this.deck.getViewports()[0] : undefined;
    if (!viewport) return null;
    const m = viewport.pixelProjectionMatrix as unknown as number[];
    let best: { tile: DecodedTile; index: number } | null = null;
    let bestDistance = (tileDotRadius(this.shownPoints()) + 4) ** 2;
    for (const tile of this.shown) {
      const p = tile.positions;
      for (let i = 0; i < tile.points; i++) {
        const wx = p[i * 3];
        const wy = p[i * 3 + 1];
        const w = m[3] * wx + m[7] * wy + m[15];
        const sx = (m[0] * wx + m[4] * wy + m[12]) / w - x;
        const sy = (m[1] * wx + m[5] * wy + m[13]) / w - y;
        const d = sx * sx + sy * sy;
        if (d < bestDistance) {
          bestDistance = d;
          best = { tile, index: i };
        }
      }
    }
    return best ? { ...best, x, y } : null;
  }

  private size(): { width: number; height: number } {
    return { width: this.container.clientWidth || 800, height: this.container.clientHeight || 600 };
  }
}
