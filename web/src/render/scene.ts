// The point cloud: one deck.gl Deck with a 2-D or 3-D view. Positions and colours go to the GPU as
// binary attributes straight from their typed arrays; nothing is created per point.

import { Deck, OrbitView, OrthographicView, type PickingInfo, type Viewport } from '@deck.gl/core';
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { SpriteInfo } from '../api/contract';
import type { Mark, MarkKind } from '../data/highlight';
import type { Layout } from '../data/layout';
import type { Camera } from '../data/view-state';
import { cameraOf, deckViewState, fitZoom, fittedCamera } from './camera';
import { DotLayer } from './dot-layer';
import { PickGrid } from './pick-grid';
import { spriteMapping, type IconFrame } from './sprite-atlas';
import { TintedIconLayer } from './tinted-icon-layer';

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
const LABEL_PADDING: [number, number] = [3, 1];
const SPRITE_TEXTURE = { minFilter: 'linear', magFilter: 'linear' } as const;

const MARK_COLORS: Record<MarkKind, [number, number, number, number]> = {
  selected: [255, 255, 255, 255],
  neighbor: [255, 170, 60, 255],
  match: [90, 220, 255, 255],
  hover: [255, 255, 255, 200],
};

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
  private marks: Mark[] = [];
  private labels: { row: number; text: string }[] = [];
  private hover: { row: number; text: string } | null = null;
  private pickGrid: PickGrid | null = null;
  private pickKey = '';
  private pointer: { x: number; y: number } | null = null;
  private pointerFrame = 0;
  private sprite: SceneSprite | null = null;
  private spriteRows: ArrayLike<number> | null = null;
  private mapping: Record<string, IconFrame> | null = null;
  private showSprites = true;
  private tintSprites = true;
  private ready = false;
  /** The layout and version of the points in the layers handed to deck.gl, and of those it last drew. */
  private layersOf: { layout: Layout; version: number } | null = null;
  private drawnOf: { layout: Layout; version: number } | null = null;

  constructor(private readonly container: HTMLDivElement, private readonly callbacks: SceneCallbacks) {
    const { width, height } = this.size();
    this.viewState = deckViewState(2, fittedCamera(2, width, height));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.deck = new Deck<any>({
      parent: container,
      views: this.view(),
      viewState: this.viewState,
      controller: { doubleClickZoom: false, inertia: false },
      layers: [],
      useDevicePixels: Math.min(2, window.devicePixelRatio || 1),
      deviceProps: { type: 'webgl', webgl: { antialias: false } },
      getCursor: ({ isDragging }) => (isDragging ? 'grabbing' : this.hover ? 'pointer' : 'crosshair'),
      onViewStateChange: ({ viewState }) => {
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
      onAfterRender: () => {
        this.ready = true;
        this.drawnOf = this.layersOf;
      },
    });
    // Hover: at most one pick per animation frame, none while a button is down (dragging the view).
    container.addEventListener('pointermove', (e) => {
      if (e.buttons !== 0) return;
      const rect = container.getBoundingClientRect();
      this.pointer = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      if (this.pointerFrame === 0) {
        this.pointerFrame = requestAnimationFrame(() => {
          this.pointerFrame = 0;
          if (this.pointer) this.callbacks.hover(this.pickAt(this.pointer.x, this.pointer.y));
        });
      }
    });
    container.addEventListener('pointerleave', () => {
      this.pointer = null;
      this.callbacks.hover(null);
    });
  }

  /** The layout row drawn at canvas pixel (x, y), or null. */
  pickAt(x: number, y: number): number | null {
    const layout = this.layout;
    if (!layout || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    const { width, height } = this.size();
    const key = `${layout.points}:${layout.version}:${width}x${height}:${JSON.stringify(this.viewState)}`;
    if (!this.pickGrid || key !== this.pickKey) {
      this.pickGrid = new PickGrid(this.screenPositions(), width, height);
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
    return (n > 200_000 ? 1.3 : n > 50_000 ? 2 : n > 5_000 ? 2.8 : 4) * Math.min(4, 2 ** (zoomIn * 0.5));
  }

  private spriteSize(): number {
    const n = this.layout?.points ?? 0;
    const tile = this.sprite ? Math.max(this.sprite.info.tileWidth, this.sprite.info.tileHeight) : 16;
    return Math.min(tile * 2, Math.max(8, (n > 5_000 ? 12 : 18) * 2 ** (Math.max(0, this.zoomedIn()) * 0.6)));
  }

  /**
   * Sprites are drawn when asked for and, above SPRITE_POINTS, once zoomed in enough that about that
   * many would fill the view; a zoomed-out cloud of 100,000 tiny images shows nothing dots do not.
   */
  spritesShown(): boolean {
    if (!this.showSprites || !this.sprite || !this.mapping || !this.layout) return false;
    const n = this.layout.points;
    return n <= SPRITE_POINTS || this.zoomedIn() >= Math.log2(n / SPRITE_POINTS);
  }

  /** The hovered layout row and its label, drawn in their own small layers. */
  setHover(hover: { row: number; text: string } | null): void {
    this.hover = hover;
    this.render();
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

  setPoints(layout: Layout, colors: Uint8Array, colorsVersion: number): void {
    this.layout = layout;
    this.colors = colors;
    this.colorsVersion = colorsVersion;
    this.render();
  }

  setSprite(sprite: SceneSprite | null, rows: ArrayLike<number> | null, points: number): void {
    this.sprite = sprite;
    this.spriteRows = rows;
    this.mapping = sprite ? spriteMapping(sprite.info, points) : null;
    this.render();
  }

  setShowSprites(show: boolean, tint: boolean): void {
    this.showSprites = show;
    this.tintSprites = tint;
    this.render();
  }

  setMarks(marks: Mark[], labels: { row: number; text: string }[]): void {
    this.marks = marks;
    this.labels = labels;
    this.render();
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

  size(): { width: number; height: number } {
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
    const key = `${layout.points}:${layout.version}:${this.colorsVersion}`;
    if (this.data && key === this.dataKey) return this.data;
    this.dataKey = key;
    this.data = {
      length: layout.points,
      attributes: {
        getPosition: { value: layout.positions, size: 3 },
        getFillColor: { value: this.colors!, size: 4, normalized: true },
        getColor: { value: this.colors!, size: 4, normalized: true },
      },
    };
    return this.data;
  }

  private render(): void {
    const layout = this.layout;
    if (!layout || !this.colors) {
      this.layersOf = null;
      this.deck.setProps({ layers: [] });
      return;
    }
    this.layersOf = { layout, version: layout.version };
    const data = this.pointData();
    const positions = layout.positions;
    const positionOf = (row: number): [number, number, number] => [positions[row * 3], positions[row * 3 + 1], positions[row * 3 + 2]];
    const radius = this.pointRadius();
    const layers = [];
    const sprites = this.spritesShown();
    if (sprites) {
      const rows = this.spriteRows;
      const Sprites = this.tintSprites ? TintedIconLayer : IconLayer;
      layers.push(new Sprites({
        id: this.tintSprites ? 'sprites-tinted' : 'sprites',
        data,
        iconAtlas: this.sprite!.url,
        iconMapping: this.mapping!,
        getIcon: (_: unknown, info: { index: number }) => String(rows ? rows[info.index] : info.index),
        getSize: 1,
        sizeUnits: 'pixels',
        sizeScale: this.spriteSize(),
        billboard: true,
        alphaCutoff: 0.02,
        pickable: false,
        updateTriggers: { getIcon: [rows, this.mapping] },
        textureParameters: SPRITE_TEXTURE,
      } as never));
    } else {
      layers.push(new DotLayer({
        id: 'points',
        data,
        // One GL point per row, its size a uniform: zooming changes no attribute.
        radiusPixels: radius,
        pickable: false,
        parameters: this.dims === 3 ? DEPTH_3D : DEPTH_ALWAYS,
      } as never));
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
    const hover = this.hover && this.hover.row < layout.points ? this.hover : null;
    if (hover) {
      layers.push(new ScatterplotLayer<{ row: number }>({
        id: 'hover-mark',
        data: [hover],
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
    if (hover) layers.push(this.labelLayer([hover], 'hover-label', positionOf, layout.version));
    this.deck.setProps({ layers });
  }

  private labelLayer(data: { row: number; text: string }[], id: string, positionOf: (row: number) => [number, number, number], version: number) {
    return new TextLayer<{ row: number; text: string }>({
      id,
      data,
      getPosition: (l) => positionOf(l.row),
      getText: (l) => l.text,
      getSize: 12,
      getColor: LABEL_COLOR,
      getPixelOffset: LABEL_OFFSET,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'bottom',
      characterSet: 'auto',
      fontFamily: 'Inter, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      background: true,
      getBackgroundColor: LABEL_BACKGROUND,
      backgroundPadding: LABEL_PADDING,
      billboard: true,
      parameters: DEPTH_ALWAYS,
      updateTriggers: { getPosition: version },
    });
  }
}
