// Sprites drawn as one GL point per row, textured from the sprite sheet. deck.gl's IconLayer keeps
// per-point icon frames, offsets and sizes as attributes it recomputes through accessors whenever the
// data changes: during a live t-SNE that is every frame, and on MNIST in software WebGL it held the
// main thread for most of each frame (5.9 frames/s, the longest task 1.4 s). Here the sheet uploads
// once, the tile of each point is an attribute built once per row order, and a new frame only
// re-uploads the positions; a point list also runs the vertex shader once per point instead of four.

import { Layer, project32, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { Texture } from '@luma.gl/core';

const uniformBlock = `\
layout(std140) uniform spriteUniforms {
  float sizePixels;
  float columns;
  vec2 tileSize;
  vec2 atlasSize;
  vec2 fit;
  float tint;
  float count;
} sprite;
`;

const spriteUniforms = {
  name: 'sprite',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: {
    sizePixels: 'f32',
    columns: 'f32',
    tileSize: 'vec2<f32>',
    atlasSize: 'vec2<f32>',
    fit: 'vec2<f32>',
    tint: 'f32',
    count: 'f32',
  },
} as const;

const vs = `\
#version 300 es
#define SHADER_NAME sprite-layer-vertex-shader
in vec3 positions;
in vec3 positions64Low;
in vec4 colors;
in float tiles;
out vec4 vColor;
out vec2 vTile;
void main(void) {
  geometry.worldPosition = positions;
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  gl_PointSize = sprite.sizePixels * project.devicePixelRatio;
  // A row without a tile (beyond the sheet) or transparent (filtered out and hidden) is moved outside the clip volume.
  if (tiles < 0.0 || tiles >= sprite.count || colors.a == 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  float row = floor((tiles + 0.5) / sprite.columns);
  vTile = vec2(tiles - row * sprite.columns, row);
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = `\
#version 300 es
#define SHADER_NAME sprite-layer-fragment-shader
precision highp float;
uniform sampler2D atlas;
in vec4 vColor;
in vec2 vTile;
out vec4 fragColor;
void main(void) {
  // A tile that is not square fills the point's square along its longer side.
  vec2 q = (gl_PointCoord - 0.5) * sprite.fit + 0.5;
  if (q.x < 0.0 || q.x > 1.0 || q.y < 0.0 || q.y > 1.0) discard;
  vec4 texColor = texture(atlas, (vTile + q) * sprite.tileSize / sprite.atlasSize);
  if (sprite.tint > 0.5) {
    // Brightness becomes the strength of the point's colour and dark pixels turn transparent, so
    // white-on-black sprites such as MNIST digits read as coloured strokes.
    float lum = dot(texColor.rgb, vec3(0.299, 0.587, 0.114));
    fragColor = vec4(vColor.rgb * (0.45 + 0.55 * lum), texColor.a * vColor.a * smoothstep(0.06, 0.35, lum));
  } else {
    fragColor = vec4(texColor.rgb, texColor.a * vColor.a);
  }
  if (fragColor.a < 0.02) discard;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

interface SpriteLayerOwnProps {
  /** The sprite sheet: a URL or an image, uploaded once as a texture. */
  atlas?: string | Texture | null;
  atlasWidth?: number;
  atlasHeight?: number;
  tileWidth?: number;
  tileHeight?: number;
  /** Sprite size in CSS pixels (the longer side of a tile). */
  sizePixels?: number;
  tint?: boolean;
  /** How many rows to draw (the first ones); all when undefined. */
  drawCount?: number;
  textureParameters?: Record<string, unknown>;
}

export type SpriteLayerProps = SpriteLayerOwnProps & LayerProps;

const defaultProps: DefaultProps<SpriteLayerOwnProps> = {
  atlas: { type: 'image', value: null, async: true },
  atlasWidth: { type: 'number', value: 1 },
  atlasHeight: { type: 'number', value: 1 },
  tileWidth: { type: 'number', value: 1 },
  tileHeight: { type: 'number', value: 1 },
  sizePixels: { type: 'number', min: 0, value: 16 },
  tint: true,
  drawCount: { type: 'number', value: -1 },
};

/** Tile (sheet index) of each layout row: the row itself, or the dataset row it shows when isolated. */
export function spriteTiles(points: number, rows: ArrayLike<number> | null): Float32Array {
  const tiles = new Float32Array(points);
  for (let i = 0; i < points; i++) tiles[i] = rows ? rows[i] : i;
  return tiles;
}

export class SpriteLayer extends Layer<Required<SpriteLayerOwnProps> & LayerProps> {
  static layerName = 'SpriteLayer';
  static defaultProps = defaultProps;

  declare state: { model?: Model };

  getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, spriteUniforms] });
  }

  initializeState() {
    this.getAttributeManager()!.add({
      positions: { size: 3, type: 'float64', fp64: this.use64bitPositions(), accessor: 'getPosition' },
      colors: { size: 4, type: 'unorm8', accessor: 'getColor', defaultValue: [0, 0, 0, 255] },
      tiles: { size: 1, type: 'float32', accessor: 'getTile', defaultValue: [-1] },
    });
  }

  updateState(params: UpdateParameters<this>) {
    super.updateState(params);
    if (params.changeFlags.extensionsChanged) {
      this.state.model?.destroy();
      this.state.model = this.getModel();
      this.getAttributeManager()!.invalidateAll();
    }
  }

  draw() {
    const model = this.state.model;
    const atlas = this.props.atlas as Texture | null;
    if (!model || !atlas || typeof atlas === 'string') return;
    const p = this.props;
    const columns = Math.max(1, Math.floor(p.atlasWidth / p.tileWidth));
    const rows = Math.max(1, Math.floor(p.atlasHeight / p.tileHeight));
    const longest = Math.max(p.tileWidth, p.tileHeight);
    const n = this.getNumInstances();
    model.setVertexCount(p.drawCount >= 0 ? Math.min(n, p.drawCount) : n);
    model.shaderInputs.setProps({
      sprite: {
        sizePixels: p.sizePixels,
        columns,
        tileSize: [p.tileWidth, p.tileHeight],
        atlasSize: [atlas.width, atlas.height],
        fit: [longest / p.tileWidth, longest / p.tileHeight],
        tint: p.tint ? 1 : 0,
        count: columns * rows,
      },
    });
    model.setBindings({ atlas });
    model.draw(this.context.renderPass!);
  }

  private getModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()!.getBufferLayouts({ isInstanced: false }),
      topology: 'point-list',
      isInstanced: false,
      vertexCount: 0,
    });
  }
}
