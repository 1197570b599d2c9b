// The point cloud: one deck.gl Deck with a 2-D or 3-D view. Positions and colours go to the GPU as
// binary attributes straight from their typed arrays; nothing is created per point.

import { Deck, OrbitView, OrthographicView, type PickingInfo, type Viewport } from '@deck.gl/core';
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { SpriteInfo } from '../api/types';
import type { Mark, MarkKind } from '../data/highlight';
import type { Layout } from '../data/layout';
import type { Camera } from '../data/view-state';
import { cameraOf, deckViewState, fitZoom, fittedCamera } from './camera';
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
  private sprite: SceneSprite | null = null;
  private spriteRows: ArrayLike<number> | null = null;
  private mapping: Record<string, IconFrame> | null = null;
  private showSprites = true;
  private tintSprites = true;
  private ready = false;

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
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'crosshair'),
      onViewStateChange: ({ viewState }) => {
        this.viewState = viewState as Record<string, unknown>;
        this.deck.setProps({ viewState: this.viewState });
        this.callbacks.camera(cameraOf(this.dims, this.viewState));
        this.render();
        return viewState;
      },
      onHover: (info: PickingInfo) => this.callbacks.hover(info.picked && info.index >= 0 ? info.index : null),
      onClick: (info: PickingInfo, event) => {
        const src = (event as { srcEvent?: MouseEvent }).srcEvent;
        const keys = { shiftKey: !!src?.shiftKey, ctrlKey: !!src?.ctrlKey, metaKey: !!src?.metaKey };
        this.callbacks.click(info.picked && info.index >= 0 ? info.index : null, keys);
      },
      onAfterRender: () => {
        this.ready = true;
      },
    });
  }

  get is3d(): boolean {
    return this.dims === 3;
  }

  get hasRendered(): boolean {
    return this.ready;
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
      this.deck.setProps({ layers: [] });
      return;
    }
    const data = this.pointData();
    const n = layout.points;
    const positions = layout.positions;
    const positionOf = (row: number): [number, number, number] => [positions[row * 3], positions[row * 3 + 1], positions[row * 3 + 2]];
    const zoomIn = Math.max(0, this.zoomedIn());
    const radius = (n > 200_000 ? 1.3 : n > 50_000 ? 2 : n > 5_000 ? 2.8 : 4) * Math.min(4, 2 ** (zoomIn * 0.5));
    const layers = [];
    const sprites = this.showSprites && this.sprite && this.mapping;
    if (sprites) {
      const rows = this.spriteRows;
      const tile = Math.max(this.sprite!.info.tileWidth, this.sprite!.info.tileHeight);
      const Sprites = this.tintSprites ? TintedIconLayer : IconLayer;
      layers.push(new Sprites({
        id: this.tintSprites ? 'sprites-tinted' : 'sprites',
        data,
        iconAtlas: this.sprite!.url,
        iconMapping: this.mapping!,
        getIcon: (_: unknown, info: { index: number }) => String(rows ? rows[info.index] : info.index),
        getSize: 1,
        sizeUnits: 'pixels',
        sizeScale: Math.min(tile * 2, Math.max(8, (n > 5_000 ? 12 : 18) * 2 ** (zoomIn * 0.6))),
        billboard: true,
        alphaCutoff: 0.02,
        pickable: true,
        updateTriggers: { getIcon: [rows, this.mapping] },
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
      } as never));
    } else {
      layers.push(new ScatterplotLayer({
        id: 'points',
        data,
        radiusUnits: 'pixels',
        getRadius: radius,
        billboard: true,
        stroked: false,
        antialiasing: true,
        pickable: true,
        parameters: { depthCompare: this.dims === 3 ? 'less-equal' : 'always' },
      } as never));
    }
    if (this.marks.length > 0) {
      const ring = sprites ? Math.max(radius, 10) : radius;
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
        parameters: { depthCompare: 'always' },
        updateTriggers: { getPosition: layout.version, getRadius: ring },
      }));
    }
    if (this.labels.length > 0) {
      layers.push(new TextLayer<{ row: number; text: string }>({
        id: 'labels',
        data: this.labels,
        getPosition: (l) => positionOf(l.row),
        getText: (l) => l.text,
        getSize: 12,
        getColor: [235, 238, 245, 255],
        getPixelOffset: [0, -12],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'bottom',
        characterSet: 'auto',
        fontFamily: 'Inter, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
        background: true,
        getBackgroundColor: [20, 22, 28, 200],
        backgroundPadding: [3, 1],
        billboard: true,
        parameters: { depthCompare: 'always' },
        updateTriggers: { getPosition: layout.version },
      }));
    }
    this.deck.setProps({ layers });
  }
}
