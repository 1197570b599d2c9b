// The point cloud: one deck.gl Deck with a 2-D or 3-D view. Positions and colours go to the GPU as
// binary attributes straight from their typed arrays; nothing is created per point. While frames
// stream in or the camera moves, a RenderBudget decides how much of the picture fits in a frame. A
// render worker draws every picture, moving and still, on a canvas of its own (moving-canvas.ts), so
// the browser's read-back of a WebGL canvas never waits on the main thread; deck.gl keeps the camera
// and the viewports, and draws only where there is no worker (or it failed).

import type { Device, Texture } from '@luma.gl/core';
import { Deck, type Layer, OrbitView, OrthographicView, type PickingInfo, type Viewport } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { SpriteInfo } from '../api/contract';
import type { Mark } from '../data/highlight';
import { MARK_COLORS } from './mark-colors';
import type { Layout } from '../data/layout';
import type { Camera } from '../data/view-state';
import { cameraOf, deckViewState, fitZoom, fittedCamera } from './camera';
import { RenderBudget, type DrawPlan } from './budget';
import { DotLayer } from './dot-layer';
import { PickGrid, nearestProjected } from './pick-grid';
import { hoverPicking } from './hover-picking';
import { watchLongTasks } from './long-tasks';
import { SpriteLayer, spriteTiles } from './sprite-layer';
import { MovingCanvas } from './moving-canvas';
import { LabelCanvas, type CanvasLabel } from './label-canvas';
import type { GlUnderlay } from './gl-points';
import { ringsOf, type RingSpec } from './moving-rings';

export interface SceneSprite {
  url: string;
  info: SpriteInfo;
}

export interface SceneCallbacks {
  hover(row: number | null): void;
  click(row: number | null, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): void;
  camera(camera: Camera): void;
}

/** Above this many points, sprites are drawn only once the view is zoomed in far enough. */
export const SPRITE_POINTS = 20_000;

// Constant props kept as module values: deck.gl compares props by reference, and a new array or object
// on every frame would make it rebuild attributes while the user pans or zooms.
const DEPTH_ALWAYS = { depthCompare: 'always' } as const;
const DEPTH_3D = { depthCompare: 'less-equal' } as const;
const LABEL_COLOR: [number, number, number, number] = [235, 238, 245, 255];
const LABEL_BACKGROUND: [number, number, number, number] = [20, 22, 28, 200];
const LABEL_OFFSET: [number, number] = [0, -12];
/** The font of point labels: the label placement measures texts in it. */
export const LABEL_FONT = 'Inter, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const LABEL_SIZE = 12;

/** A point label; `offset` (pixels, y down) is where label placement put its centre, else above the point. */
export interface SceneLabel {
  row: number;
  text: string;
  offset?: [number, number];
}
const LABEL_PADDING: [number, number] = [3, 1];

const WARM_HOVER: SceneLabel = { row: 0, text: '0' };


/** Placed items: a magenta ring around a translucent disc, unlike any mark or palette colour. */
const PLACED_LINE: [number, number, number, number] = [255, 40, 200, 255];
const PLACED_FILL: [number, number, number, number] = [255, 40, 200, 90];

export class Scene {
  // deck.gl's generic view typing does not follow a view that changes at run time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly deck: Deck<any>;
  private dims: 2 | 3 = 2;
  private viewState: Record<string, unknown>;
  private layout: Layout | null = null;
  private colors: Uint8Array | null = null;
  private colorsVersion = 0;
  private data: { length: number; attributes: Record<string, unknown> } | null = null;
  private dataKey = '';
  private strided = new Map<number, { length: number; attributes: Record<string, unknown> }>();
  private tiles: Float32Array | null = null;
  private tilesKey: unknown[] = [];
  private readonly budget: RenderBudget;
  private plan: DrawPlan = { pixelRatio: 1, sprites: 0, dots: 1 };
  private drawn: { start: number; plan: DrawPlan; points: number } | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private shownVersion = -1;
  /** The dot program has been drawn once (linked): software WebGL links a program in up to seconds. */
  private dotsLinked = false;
  private warm: 'pending' | 'scheduled' | 'drawing' | 'done' = 'pending';
  private device: Device | null = null;
  /** The sprite sheet as one texture, uploaded once and shared by the full and the subset sprite layers. */
  private atlas: { url: string; texture: Texture | null } | null = null;
  private marks: Mark[] = [];
  private labels: SceneLabel[] = [];
  private hover: SceneLabel | null = null;
  /** Layers drawn under the points (density), made by their own modules. */
  private underlays: Layer[] = [];
  /** The same as an image the render worker draws; null when there is none or it has no image form. */
  private underlayImage: GlUnderlay | null = null;
  private sentUnderlay: GlUnderlay | null = null;
  private pointScale = 1;
  private pointOpacity = 1;
  /** Items placed into the layout, M x 3 in the layout's drawn coordinates. */
  private placed: Float32Array | null = null;
  private pickGrid: PickGrid | null = null;
  private pickKey = '';
  private pickFirstKey = '';
  /** Rows filtered out are never picked: the filter mask (dataset rows) and the layout's dataset rows. */
  private unpickable: { mask: Uint8Array; rows: ArrayLike<number> | null } | null = null;
  private unpickableVersion = 0;
  private sprite: SceneSprite | null = null;
  private spriteRows: ArrayLike<number> | null = null;
  private showSprites = true;
  private tintSprites = true;
  private ready = false;
  /** The layout and version of the points in the layers handed to deck.gl, and of those it last drew. */
  private layersOf: { layout: Layout; version: number } | null = null;
  private drawnOf: { layout: Layout; version: number } | null = null;
  /** The render worker's canvas; null where a canvas cannot be handed to a worker. */
  private readonly moving: MovingCanvas | null;
  /** Point labels while the worker draws (deck.gl's text layer draws them in the still picture). */
  private readonly movingLabels: LabelCanvas | null;
  /** Moving frames go to the worker (deck.gl's redraws are then only reported, see postMoving). */
  private offThread = false;
  /** The still picture replaces the worker's once deck.gl has drawn it. */
  private swapBack = false;
  private readonly movingFrames = new Map<number, { layout: Layout; version: number; plan: DrawPlan; points: number }>();
  private deckPixelRatio: number;
  /** The map's size as the ResizeObserver last reported it (see size()). */
  private sized: { width: number; height: number } | null = null;
  private readonly resized: (() => void)[] = [];
  /** Pictures go to the render worker when it is ready (useWorker: tests compare with deck.gl's). */
  private workerOn = true;
  /** A plan drawn as a moving frame until released (holdMoving). */
  private held: DrawPlan | null = null;

  constructor(private readonly container: HTMLDivElement, private readonly callbacks: SceneCallbacks) {
    const { width, height } = this.size();
    this.viewState = deckViewState(2, fittedCamera(2, width, height));
    this.budget = new RenderBudget({ maxPixelRatio: Math.min(2, window.devicePixelRatio || 1) });
    this.plan = { ...this.plan, pixelRatio: this.budget.maxPixelRatio };
    this.deckPixelRatio = this.budget.maxPixelRatio;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.deck = new Deck<any>({
      parent: container,
      views: this.view(),
      viewState: this.viewState,
      controller: { doubleClickZoom: false, inertia: false },
      layers: [],
      useDevicePixels: this.budget.maxPixelRatio,
      deviceProps: { type: 'webgl', webgl: { antialias: false } },
      getCursor: ({ isDragging }) => (isDragging ? 'grabbing' : this.hover ? 'pointer' : 'crosshair'),
      onViewStateChange: ({ viewState }) => {
        this.budget.activity(performance.now());
        this.viewState = viewState as Record<string, unknown>;
        this.deck.setProps({ viewState: this.viewState });
        this.callbacks.camera(cameraOf(this.dims, this.viewState));
        this.render();
        return viewState;
      },
      // Points are picked on the CPU (pickAt): no GPU picking pass redraws every point on each pointer move.
      onClick: (info: PickingInfo, event) => {
        const src = (event as { srcEvent?: MouseEvent }).srcEvent;
        const keys = { shiftKey: !!src?.shiftKey, ctrlKey: !!src?.ctrlKey, metaKey: !!src?.metaKey };
        this.callbacks.click(this.pickAt(info.x, info.y), keys);
      },
      onDeviceInitialized: (device) => {
        this.device = device;
        this.loadAtlas();
      },
      onBeforeRender: () => {
        this.drawn = { start: performance.now(), plan: this.plan, points: this.layout?.points ?? 0 };
      },
      onAfterRender: () => {
        this.ready = true;
        if (this.swapBack) {
          this.swapBack = false;
          this.moving?.show(false);
          this.movingLabels?.hide();
        }
        this.drawnOf = this.layersOf;
        if (this.warm === 'drawing') {
          this.warm = 'done';
          this.render();
        } else if (this.warm === 'pending') this.warmUp();
        if (!this.dotsLinked && this.layout) {
          this.dotsLinked = true;
          // Drawn once while sprites show, invisibly, so its program is linked before a movement needs it.
          if (this.plan.dots === 0) this.render();
        }
        const drawn = this.drawn;
        // The frame's cost shows when the next one may start (software GL draws in another process).
        if (drawn) requestAnimationFrame(() => this.budget.observe(performance.now() - drawn.start, drawn.plan, drawn.points));
      },
    });
    this.moving = MovingCanvas.create(container, (token, ms) => this.movingDrawn(token, ms), () => this.render(), () => this.deckCanvas());
    this.movingLabels = this.moving
      ? new LabelCanvas(container, { font: LABEL_FONT, size: LABEL_SIZE, color: LABEL_COLOR, background: LABEL_BACKGROUND, padding: LABEL_PADDING, lift: -LABEL_OFFSET[1] - LABEL_PADDING[1] })
      : null;
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        // Read right after the browser's layout, so the read forces none.
        const next = this.measure();
        if (this.sized && next.width === this.sized.width && next.height === this.sized.height) return;
        this.sized = next;
        this.pickGrid = null;
        for (const listener of this.resized) listener();
        this.render();
      }).observe(container);
    }
    hoverPicking(container, (x, y) => this.pickAt(x, y), (found) => this.callbacks.hover(found));
    // Long main-thread tasks coarsen only what the main thread draws: the render worker's plans follow
    // its own frame times, and its drawing does not block this thread.
    watchLongTasks((ms, end) => {
      if (!this.offThread) this.budget.longTask(ms, end);
    });
  }

  /** The layout row drawn at canvas pixel (x, y), or null. */
  pickAt(x: number, y: number): number | null {
    const layout = this.layout;
    if (!layout || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    const { width, height } = this.size();
    const key = `${layout.points}:${layout.version}:${width}x${height}:${this.unpickableVersion}:${JSON.stringify(this.viewState)}`;
    if (!this.pickGrid || key !== this.pickKey) {
      // The first pick of a view is answered in one pass; a grid pays off from the second on (a still
      // view under a moving pointer), not for each frame of a running projection.
      if (key !== this.pickFirstKey) {
        this.pickFirstKey = key;
        const viewport = this.viewport();
        if (!viewport) return null;
        const skip = this.unpickable;
        const hidden = skip ? (i: number) => skip.mask[skip.rows ? skip.rows[i] : i] === 0 : null;
        return nearestProjected(layout.positions, layout.points, viewport.pixelProjectionMatrix as unknown as number[], width, height, x, y, this.pickRadius(), hidden);
      }
      const screen = this.screenPositions();
      const skip = this.unpickable;
      if (skip) {
        for (let i = 0; i < layout.points; i++) {
          if (skip.mask[skip.rows ? skip.rows[i] : i] === 0) screen[i * 2] = Number.NaN;
        }
      }
      this.pickGrid = new PickGrid(screen, width, height);
      this.pickKey = key;
    }
    return this.pickGrid.nearest(x, y, this.pickRadius());
  }

  private pickRadius(): number {
    return this.spritesShown() ? Math.max(6, this.spriteSize() / 2) : this.pointRadius() + 3;
  }

  private pointRadius(): number {
    const n = this.layout?.points ?? 0;
    const zoomIn = Math.max(0, this.zoomedIn());
    return (n > 200_000 ? 1.3 : n > 50_000 ? 2 : n > 5_000 ? 2.8 : 4) * Math.min(4, 2 ** (zoomIn * 0.5)) * this.pointScale;
  }

  private spriteSize(): number {
    const n = this.layout?.points ?? 0;
    const tile = this.sprite ? Math.max(this.sprite.info.tileWidth, this.sprite.info.tileHeight) : 16;
    return Math.min(tile * 2, Math.max(8, (n > 5_000 ? 12 : 18) * 2 ** (Math.max(0, this.zoomedIn()) * 0.6))) * this.pointScale;
  }

  /**
   * Sprites are drawn when asked for and, above SPRITE_POINTS, once zoomed in enough that about that
   * many would fill the view; a zoomed-out cloud of 100,000 tiny images shows nothing dots do not.
   */
  spritesShown(): boolean {
    if (!this.showSprites || !this.sprite || !this.layout) return false;
    const n = this.layout.points;
    return n <= SPRITE_POINTS || this.zoomedIn() >= Math.log2(n / SPRITE_POINTS);
  }

  /** What the picture shows is changing continuously (a filter brush): drawn within the frame budget until it settles. */
  markActivity(): void {
    this.budget.activity(performance.now());
  }

  /** The filter mask (dataset rows, null for none) and the dataset row of each layout row: filtered-out rows are not picked. */
  setUnpickable(mask: Uint8Array | null, rows: ArrayLike<number> | null): void {
    this.unpickable = mask ? { mask, rows } : null;
    this.unpickableVersion++;
  }

  /** The hovered layout row and its label, drawn in their own small layers. */
  setHover(hover: SceneLabel | null): void {
    this.hover = hover;
    this.render();
  }

  /** New items placed into the layout: drawn as rings over the points, in a colour no mark uses. */
  setPlaced(placed: Float32Array | null): void {
    // Called whenever the layout is rewritten (every frame of a run): redrawing for nothing new would
    // rebuild every layer each frame.
    if (placed === null && this.placed === null) return;
    if (placed !== null && this.placed !== null && sameValues(placed, this.placed)) return;
    this.placed = placed;
    this.render();
  }

  /** Client (page) pixel coordinates of placed item `index`, or null when none is drawn there. */
  clientOfPlaced(index: number): [number, number] | null {
    const viewport = this.viewport();
    const p = this.placed;
    if (!viewport || !p || index < 0 || index * 3 >= p.length) return null;
    const [x, y] = viewport.project([p[index * 3], p[index * 3 + 1], p[index * 3 + 2]]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const rect = this.container.getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  }

  /**
   * Draws `plan` as a moving frame (by the render worker, where there is one) until called with null:
   * for tests, which compare a moving frame with the still picture of the same view.
   */
  holdMoving(plan: DrawPlan | null): void {
    this.held = plan;
    this.render();
  }

  /** Pictures by the render worker (the default) or by deck.gl on the main thread: tests compare the two. */
  useWorker(on: boolean): void {
    this.workerOn = on;
    this.render();
  }

  /** Makes the render worker lose its WebGL context, as a crashed GPU process would (for tests). */
  loseWorkerContext(): void {
    this.moving?.loseContext();
  }

  /** Frames the render worker has put on screen, and whether its canvas shows now. */
  get workerFrames(): { frames: number; shown: boolean } {
    return { frames: this.moving?.drawnFrames ?? 0, shown: this.moving?.shown ?? false };
  }

  /** What the last picture drew (sprites and dots as strides, 0 for none). */
  get drawPlan(): DrawPlan {
    return this.plan;
  }

  /** How many plans coarser than the finest that long main-thread tasks hold the budget (0: none). */
  get longTaskFloor(): number {
    return this.budget.longTaskFloor;
  }

  get is3d(): boolean {
    return this.dims === 3;
  }

  get hasRendered(): boolean {
    return this.ready;
  }

  /**
   * True once deck.gl has drawn a frame with `layout`'s points (not just an empty canvas): as they are
   * now, or, with `anyVersion` (frames of a running projection keep coming), as they were at any time.
   */
  hasDrawn(layout: Layout, anyVersion = false): boolean {
    return this.drawnOf?.layout === layout && (anyVersion || this.drawnOf.version === layout.version);
  }

  /** Switches between the 2-D and 3-D view, to `camera` or a fitted one. */
  setView(dims: 2 | 3, camera: Camera | null): void {
    this.dims = dims;
    const { width, height } = this.size();
    this.viewState = deckViewState(dims, camera ?? fittedCamera(dims, width, height));
    this.deck.setProps({ views: this.view(), viewState: this.viewState });
    this.render();
  }

  fit(): void {
    this.setView(this.dims, null);
    this.callbacks.camera(cameraOf(this.dims, this.viewState));
  }

  camera(): Camera {
    return cameraOf(this.dims, this.viewState);
  }

  /** How far the camera is zoomed in beyond the fitted view, in powers of two. */
  zoomedIn(): number {
    const { width, height } = this.size();
    return Number(this.viewState.zoom ?? 0) - fitZoom(width, height);
  }

  /** `moving`: the colours follow a continuous change (a filter brush), drawn within the frame budget too. */
  setPoints(layout: Layout, colors: Uint8Array, colorsVersion: number, moving = false): void {
    // A new frame of a running projection counts as movement: drawn within the frame budget (also the
    // first frame of a streaming run, whose layout is new).
    if (moving || (layout === this.layout && layout.version !== this.shownVersion) || (this.budget.streaming && layout !== this.layout)) this.budget.activity(performance.now());
    this.shownVersion = layout.version;
    this.layout = layout;
    this.colors = colors;
    this.colorsVersion = colorsVersion;
    this.render();
  }

  /**
   * A projection streams its frames: the full picture waits for a longer pause between them, or for
   * the end (see RenderBudget.streaming).
   */
  setStreaming(streaming: boolean): void {
    if (this.budget.streaming === streaming) return;
    this.budget.streaming = streaming;
    // Ended: the still picture follows the last frame as after any movement.
    if (!streaming) this.render();
  }

  /** The sprite sheet and, when isolated, the dataset row of each layout row (the tile it shows). */
  setSprite(sprite: SceneSprite | null, rows: ArrayLike<number> | null): void {
    if (!sprite && this.sprite) this.moving?.atlas(null, null);
    this.sprite = sprite;
    this.spriteRows = rows;
    this.loadAtlas();
    this.render();
  }

  setShowSprites(show: boolean, tint: boolean): void {
    this.showSprites = show;
    this.tintSprites = tint;
    this.render();
  }

  setMarks(marks: Mark[], labels: SceneLabel[]): void {
    this.marks = marks;
    this.labels = labels;
    this.render();
  }

  /** Layers drawn under the points, such as the density shading ([] for none), and the same as an image for moving frames. */
  setUnderlays(layers: Layer[], image: GlUnderlay | null = null): void {
    this.underlays = layers;
    this.underlayImage = layers.length > 0 ? image : null;
    this.render();
  }

  /** `scale` multiplies the automatic size of dots and sprites; `opacity` is theirs (0 to 1). */
  setPointStyle(scale: number, opacity: number): void {
    if (scale === this.pointScale && opacity === this.pointOpacity) return;
    this.pointScale = scale;
    this.pointOpacity = opacity;
    this.pickGrid = null;
    this.render();
  }

  /** Canvas pixel coordinates of layout row `row`, or null when it is behind the camera or not a row. */
  canvasOf(row: number): [number, number] | null {
    const viewport = this.viewport();
    if (!viewport || !this.layout || row < 0 || row >= this.layout.points) return null;
    const p = this.layout.positions;
    const m = viewport.pixelProjectionMatrix as unknown as number[];
    const x = p[row * 3];
    const y = p[row * 3 + 1];
    const z = p[row * 3 + 2];
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (!(w > 0)) return null;
    return [(m[0] * x + m[4] * y + m[8] * z + m[12]) / w, (m[1] * x + m[5] * y + m[9] * z + m[13]) / w];
  }

  /** Client (page) pixel coordinates of layout row `row`, or null when it is behind the camera. */
  clientOf(row: number): [number, number] | null {
    const viewport = this.viewport();
    if (!viewport || !this.layout || row < 0 || row >= this.layout.points) return null;
    const p = this.layout.positions;
    const [x, y] = viewport.project([p[row * 3], p[row * 3 + 1], p[row * 3 + 2]]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const rect = this.container.getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  }

  /** Canvas pixel coordinates of every row (2 floats per row; NaN behind the camera). */
  screenPositions(): Float32Array {
    const viewport = this.viewport();
    const layout = this.layout;
    if (!viewport || !layout) return new Float32Array(0);
    const m = viewport.pixelProjectionMatrix as unknown as number[];
    const p = layout.positions;
    const out = new Float32Array(layout.points * 2);
    for (let i = 0; i < layout.points; i++) {
      const x = p[i * 3];
      const y = p[i * 3 + 1];
      const z = p[i * 3 + 2];
      const w = m[3] * x + m[7] * y + m[11] * z + m[15];
      if (w <= 0) {
        out[i * 2] = Number.NaN;
        out[i * 2 + 1] = Number.NaN;
        continue;
      }
      out[i * 2] = (m[0] * x + m[4] * y + m[8] * z + m[12]) / w;
      out[i * 2 + 1] = (m[1] * x + m[5] * y + m[9] * z + m[13]) / w;
    }
    return out;
  }

  /**
   * The map's CSS size. Kept from the ResizeObserver: reading clientWidth on every frame forced a
   * layout whenever a panel's text had changed earlier in the same task (the iteration counter, each
   * frame of a run). In the frame a side panel folds, this is the size before until the observer
   * reports, which then calls the `onResize` listeners (the label placement places again).
   */
  size(): { width: number; height: number } {
    return this.sized ?? this.measure();
  }

  /** Calls `listener` whenever the map's size changes. */
  onResize(listener: () => void): void {
    this.resized.push(listener);
  }

  private measure(): { width: number; height: number } {
    return { width: this.container.clientWidth || 800, height: this.container.clientHeight || 600 };
  }

  private viewport(): Viewport | null {
    const viewports = this.deck.getViewports();
    return viewports.length > 0 ? viewports[0] : null;
  }

  private view() {
    return this.dims === 3
      ? new OrbitView({ id: '3d', orbitAxis: 'Y', fovy: 40 })
      : new OrthographicView({ id: '2d', flipY: false });
  }

  private pointData() {
    const layout = this.layout!;
    const tiles = this.spriteTiles();
    const key = `${layout.points}:${layout.version}:${this.colorsVersion}`;
    if (this.data && key === this.dataKey && this.data.attributes.getTile === tiles) return this.data;
    this.dataKey = key;
    this.strided.clear();
    this.data = {
      length: layout.points,
      attributes: {
        getPosition: { value: layout.positions, size: 3 },
        getColor: { value: this.colors!, size: 4, normalized: true },
        ...(tiles ? { getTile: { value: tiles, size: 1 } } : {}),
      },
    };
    return this.data;
  }

  /**
   * Every `stride`-th row of the point data, copied into compact arrays once per layout version. (Byte
   * strides over the full arrays would need no copy, but a new buffer layout links a new GL program,
   * over a second on software WebGL, in the middle of the movement it was meant to speed up.)
   */
  private stridedData(stride: number) {
    const data = this.pointData();
    if (stride <= 1) return data;
    let found = this.strided.get(stride);
    if (!found) {
      const layout = this.layout!;
      const colors = this.colors!;
      const tiles = this.tiles;
      const n = Math.floor(layout.points / stride);
      const positions = new Float32Array(n * 3);
      const rgba = new Uint8Array(n * 4);
      const subsetTiles = tiles ? new Float32Array(n) : null;
      for (let i = 0, row = 0; i < n; i++, row += stride) {
        positions[i * 3] = layout.positions[row * 3];
        positions[i * 3 + 1] = layout.positions[row * 3 + 1];
        positions[i * 3 + 2] = layout.positions[row * 3 + 2];
        rgba[i * 4] = colors[row * 4];
        rgba[i * 4 + 1] = colors[row * 4 + 1];
        rgba[i * 4 + 2] = colors[row * 4 + 2];
        rgba[i * 4 + 3] = colors[row * 4 + 3];
        if (subsetTiles) subsetTiles[i] = tiles![row];
      }
      found = {
        length: n,
        attributes: {
          getPosition: { value: positions, size: 3 },
          getColor: { value: rgba, size: 4, normalized: true },
          ...(subsetTiles ? { getTile: { value: subsetTiles, size: 1 } } : {}),
        },
      };
      this.strided.set(stride, found);
    }
    return found;
  }

  /** The sheet tile of each layout row, rebuilt only when the rows or the point count change. */
  private spriteTiles(): Float32Array | null {
    if (!this.sprite || !this.layout) return null;
    const key = [this.layout.points, this.spriteRows];
    if (!this.tiles || key.some((k, i) => k !== this.tilesKey[i])) {
      this.tiles = spriteTiles(this.layout.points, this.spriteRows);
      this.tilesKey = key;
    }
    return this.tiles;
  }

  private loadAtlas(): void {
    const sprite = this.sprite;
    const device = this.device;
    if (!sprite || !device || this.atlas?.url === sprite.url) return;
    const previous = this.atlas?.texture ?? null;
    const entry: { url: string; texture: Texture | null } = { url: sprite.url, texture: null };
    this.atlas = entry;
    void fetch(sprite.url)
      .then((response) => {
        if (!response.ok) throw new Error(`The sprite sheet did not load (HTTP ${response.status}).`);
        return response.blob();
      })
      .then((blob) => {
        // The render worker gets a bitmap of its own: a transferred one is gone from the page.
        if (this.moving) {
          const info = sprite.info;
          void createImageBitmap(blob).then((own) => {
            if (this.atlas === entry) this.moving!.atlas(own, { width: info.width, height: info.height, tileWidth: info.tileWidth, tileHeight: info.tileHeight });
            else own.close();
          });
        }
        return createImageBitmap(blob);
      })
      .then((bitmap) => {
        if (this.atlas !== entry) return;
        entry.texture = device.createTexture({
          data: bitmap,
          width: bitmap.width,
          height: bitmap.height,
          format: 'rgba8unorm',
          sampler: { minFilter: 'linear', magFilter: 'linear', mipmapFilter: 'linear', addressModeU: 'clamp-to-edge', addressModeV: 'clamp-to-edge' },
          mipLevels: device.getMipLevelCount(bitmap.width, bitmap.height),
        });
        entry.texture.generateMipmapsWebGL();
        this.render();
        previous?.destroy();
      })
      .catch((error: Error) => {
        // Without its sheet the dataset is drawn as dots; say why once.
        console.warn(error.message);
      });
  }

  /** Redraws once the picture settles, at full quality. */
  private settleSoon(): void {
    if (this.settleTimer !== null) return;
    const wait = this.budget.untilStill(performance.now());
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.budget.moving(performance.now())) this.settleSoon();
      else this.render();
    }, wait + 5);
  }

  private render(): void {
    const layout = this.layout;
    if (!layout || !this.colors) {
      this.leaveMoving();
      this.layersOf = null;
      this.deck.setProps({ layers: [] });
      return;
    }
    const atlas = this.atlas?.url === this.sprite?.url ? this.atlas?.texture ?? null : null;
    const sprites = this.spritesShown() && atlas !== null;
    const now = performance.now();
    const plan = this.held ?? this.budget.plan(now, layout.points, sprites);
    this.plan = plan;
    const moving = this.budget.moving(now);
    if (moving && !this.held) this.settleSoon();
    // Every picture, moving or still, comes from the worker: a still picture drawn by deck.gl held the
    // main thread 90–130 ms on a quiet machine (the read-back), after every pan and at the end of every
    // run. An underlay without an image form keeps the pictures with deck.gl.
    if (this.workerOn && this.moving?.ready && (this.underlays.length === 0 || this.underlayImage !== null)) {
      this.drawMoving(layout);
      return;
    }
    this.leaveMoving();
    this.layersOf = { layout, version: layout.version };
    this.pointData();
    const positions = layout.positions;
    const positionOf = (row: number): [number, number, number] => [positions[row * 3], positions[row * 3 + 1], positions[row * 3 + 2]];
    const radius = this.pointRadius();
    const layers: Layer[] = [...this.underlays];
    if (plan.pixelRatio !== this.deckPixelRatio) {
      this.deckPixelRatio = plan.pixelRatio;
      this.deck.setProps({ useDevicePixels: plan.pixelRatio });
    }
    // One dot layer and one sprite layer whatever the plan: a subset is other data for the same layer,
    // as a new layer's first draw compiles its pipeline (seconds on software WebGL) mid-movement. The
    // dot layer is drawn once invisibly while sprites show, for the same reason.
    layers.push(new DotLayer({
      id: 'points',
      data: this.stridedData(Math.max(1, plan.dots)),
      visible: plan.dots > 0 || !this.dotsLinked,
      opacity: plan.dots > 0 ? this.pointOpacity : 0,
      // One GL point per row, its size a uniform: zooming changes no attribute.
      radiusPixels: radius,
      pickable: false,
      parameters: this.dims === 3 ? DEPTH_3D : DEPTH_ALWAYS,
    } as never));
    if (sprites) {
      const info = this.sprite!.info;
      const props = {
        atlas,
        atlasWidth: info.width,
        atlasHeight: info.height,
        tileWidth: info.tileWidth,
        tileHeight: info.tileHeight,
        sizePixels: this.spriteSize(),
        tint: this.tintSprites,
        pickable: false,
        parameters: DEPTH_ALWAYS,
      };
      layers.push(new SpriteLayer({ ...props, id: 'sprites', opacity: this.pointOpacity, data: this.stridedData(Math.max(1, plan.sprites)), visible: plan.sprites > 0 } as never));
    }
    const ring = sprites ? Math.max(radius, 10) : radius;
    if (this.marks.length > 0) {
      layers.push(new ScatterplotLayer<Mark>({
        id: 'marks',
        data: this.marks,
        getPosition: (m) => positionOf(m.row),
        getRadius: (m) => (m.kind === 'selected' || m.kind === 'hover' ? ring + 3 : ring + 2),
        getLineColor: (m) => MARK_COLORS[m.kind],
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getLineWidth: (m) => (m.kind === 'selected' ? 2 : 1.5),
        stroked: true,
        filled: false,
        billboard: true,
        parameters: DEPTH_ALWAYS,
        updateTriggers: { getPosition: layout.version, getRadius: ring },
      }));
    }
    if (this.placed && this.placed.length >= 3) {
      const placed = this.placed;
      layers.push(new ScatterplotLayer<number>({
        id: 'placed',
        data: Array.from({ length: placed.length / 3 }, (_, i) => i),
        getPosition: (i) => [placed[i * 3], placed[i * 3 + 1], placed[i * 3 + 2]],
        getRadius: ring + 6,
        getFillColor: PLACED_FILL,
        getLineColor: PLACED_LINE,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        stroked: true,
        filled: true,
        billboard: true,
        parameters: DEPTH_ALWAYS,
        updateTriggers: { getPosition: placed, getRadius: ring },
      }));
    }
    const hover = this.hover && this.hover.row < layout.points ? this.hover : null;
    // The hover layers stay in the list once their programs are linked (see warmUp), hidden when unused.
    const hoverData = hover ?? ((this.warm === 'drawing' || this.warm === 'done') && layout.points > 0 ? WARM_HOVER : null);
    const hoverVisible = hover !== null || this.warm === 'drawing';
    const hoverOpacity = hover ? 1 : 0;
    if (hoverData) {
      layers.push(new ScatterplotLayer<{ row: number }>({
        id: 'hover-mark',
        data: [hoverData],
        visible: hoverVisible,
        opacity: hoverOpacity,
        getPosition: (m) => positionOf(m.row),
        getRadius: ring + 3,
        getLineColor: MARK_COLORS.hover,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        stroked: true,
        filled: false,
        billboard: true,
        parameters: DEPTH_ALWAYS,
      }));
    }
    if (this.labels.length > 0) layers.push(this.labelLayer(this.labels, 'labels', positionOf, layout.version));
    if (hoverData) layers.push(this.labelLayer([hoverData], 'hover-label', positionOf, layout.version, hoverVisible, hoverOpacity));
    this.deck.setProps({ layers });
  }

  private deckCanvas(): HTMLCanvasElement | null {
    return this.deck.getCanvas?.() ?? null;
  }

  /** Hands this frame to the render worker; deck.gl's own redraws (camera moves) do the same until still. */
  private drawMoving(layout: Layout): void {
    const moving = this.moving!;
    if (!this.offThread) {
      this.offThread = true;
      this.swapBack = false;
      // deck.gl's layers go with their GPU buffers (a copy of every row); the still picture's come back on leaving.
      this.layersOf = null;
      this.deck.setProps({ _customRender: () => this.postMoving(), layers: [] });
    }
    if (this.underlayImage !== this.sentUnderlay) {
      this.sentUnderlay = this.underlayImage;
      moving.underlay(this.underlayImage);
    }
    moving.rows({
      positionsKey: layout,
      positionsVersion: layout.version,
      positions: layout.positions,
      points: layout.points,
      colorsKey: `${this.colorsVersion}:${layout.points}`,
      colors: this.colors!,
      tiles: this.sprite ? this.spriteTiles() : null,
    });
    this.postMoving();
  }

  /** One moving frame for the worker, seen through deck.gl's current viewport. */
  private postMoving(): void {
    const layout = this.layout;
    const viewport = this.viewport();
    if (!this.offThread || !this.moving || !layout || !viewport) return;
    const plan = this.plan;
    const { width, height } = this.size();
    const token = this.moving.frame({
      width,
      height,
      pixelRatio: plan.pixelRatio,
      viewProjection: viewport.viewProjectionMatrix as unknown as number[],
      depth: this.dims === 3,
      dots: plan.dots,
      sprites: plan.sprites,
      radius: this.pointRadius(),
      spriteSize: this.spriteSize(),
      opacity: this.pointOpacity,
      tint: this.tintSprites,
      rings: ringsOf(this.ringSpecs(), layout.positions, layout.points),
    });
    this.movingFrames.set(token, { layout, version: layout.version, plan, points: layout.points });
    // Until the worker's canvas covers deck.gl's, deck.gl's own labels still show.
    if (this.moving.shown) this.drawMovingLabels();
  }

  private drawMovingLabels(): void {
    const labels: CanvasLabel[] = [];
    const hover = this.hover && this.layout && this.hover.row < this.layout.points ? this.hover : null;
    for (const l of hover ? [...this.labels, hover] : this.labels) {
      const at = this.canvasOf(l.row);
      if (!at) continue;
      labels.push(l.offset ? { x: at[0] + l.offset[0], y: at[1] + l.offset[1], text: l.text, centred: true } : { x: at[0], y: at[1], text: l.text, centred: false });
    }
    const { width, height } = this.size();
    this.movingLabels?.draw(labels, width, height, this.budget.maxPixelRatio);
  }

  /** A frame of the worker is on screen: its canvas covers deck.gl's from the first one on. */
  private movingDrawn(token: number, ms: number): void {
    const frame = this.movingFrames.get(token);
    for (const t of this.movingFrames.keys()) if (t <= token) this.movingFrames.delete(t);
    if (!this.offThread || !frame) return;
    if (!this.moving!.shown) {
      this.moving!.show(true);
      this.drawMovingLabels();
    }
    this.ready = true;
    this.drawnOf = { layout: frame.layout, version: frame.version };
    this.budget.observe(ms, frame.plan, frame.points);
  }

  /** Back to deck.gl for the still picture; the worker's canvas shows until that is drawn. */
  private leaveMoving(): void {
    if (!this.offThread) return;
    this.offThread = false;
    this.deck.setProps({ _customRender: null });
    if (!this.moving?.shown) {
      // The worker failed (hiding its canvas showed deck.gl's again) or never drew.
      this.movingLabels?.hide();
      return;
    }
    this.swapBack = true;
    // Layers equal to the last ones would not make deck.gl draw: ask for a frame if it has not drawn by then.
    requestAnimationFrame(() => {
      if (this.swapBack && !this.offThread) this.deck.redraw('still picture');
    });
  }

  /** The marks, the hovered row and the placed items as rings, as the still picture's layers draw them. */
  private ringSpecs(): RingSpec[] {
    const sprites = this.spritesShown();
    const radius = this.pointRadius();
    const ring = sprites ? Math.max(radius, 10) : radius;
    const specs: RingSpec[] = this.marks.map((m) => ({
      row: m.row,
      line: MARK_COLORS[m.kind],
      radius: m.kind === 'selected' || m.kind === 'hover' ? ring + 3 : ring + 2,
      width: m.kind === 'selected' ? 2 : 1.5,
    }));
    const placed = this.placed;
    if (placed) {
      for (let i = 0; i + 2 < placed.length; i += 3) {
        specs.push({ at: [placed[i], placed[i + 1], placed[i + 2]], line: PLACED_LINE, fill: PLACED_FILL, radius: ring + 6, width: 3 });
      }
    }
    if (this.hover) specs.push({ row: this.hover.row, line: MARK_COLORS.hover, radius: ring + 3, width: 1.5 });
    return specs;
  }

  /**
   * Draws the hover ring and label once, invisibly, when the page is idle after its first picture:
   * software WebGL links and compiles a program in up to seconds on its first draw, and that stall
   * would otherwise fall on the user's first hover (often the start of a pan).
   */
  private warmUp(): void {
    if (this.warm !== 'pending' || !this.layout) return;
    this.warm = 'scheduled';
    const start = () => {
      this.warm = 'drawing';
      this.render();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 500);
  }

  private labelLayer(data: SceneLabel[], id: string, positionOf: (row: number) => [number, number, number], version: number, visible = true, opacity = 1) {
    return new TextLayer<SceneLabel>({
      id,
      data,
      visible,
      opacity,
      getPosition: (l) => positionOf(l.row),
      getText: (l) => l.text,
      getSize: LABEL_SIZE,
      getColor: LABEL_COLOR,
      // Placed labels are centred where the placement put them; others sit above their point.
      getPixelOffset: (l) => l.offset ?? LABEL_OFFSET,
      getTextAnchor: 'middle',
      getAlignmentBaseline: (l) => (l.offset ? 'center' : 'bottom'),
      characterSet: 'auto',
      fontFamily: LABEL_FONT,
      background: true,
      getBackgroundColor: LABEL_BACKGROUND,
      backgroundPadding: LABEL_PADDING,
      billboard: true,
      parameters: DEPTH_ALWAYS,
      updateTriggers: { getPosition: version, getPixelOffset: data, getAlignmentBaseline: data },
    });
  }
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
