// Round dots of one size in pixels, drawn as one GL point per row. A scatterplot layer draws a quad
// per point (several vertex-shader runs each); on software WebGL that cost dominates a 100,000-point
// frame, while a point list runs the vertex shader once per point.

import { Layer, picking, project32, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';

const uniformBlock = `\
layout(std140) uniform dotLayerUniforms {
  float radiusPixels;
} dotLayer;
`;

const dotUniforms = {
  name: 'dotLayer',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { radiusPixels: 'f32' },
} as const;

const vs = `\
#version 300 es
#define SHADER_NAME dot-layer-vertex-shader
in vec3 positions;
in vec3 positions64Low;
in vec4 colors;
out vec4 vColor;
out float vRadius;
void main(void) {
  geometry.worldPosition = positions;
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vRadius = dotLayer.radiusPixels * project.devicePixelRatio;
  gl_PointSize = 2.0 * vRadius;
  // A transparent row (filtered out and hidden) is moved outside the clip volume: no fragments, no depth.
  if (colors.a == 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = `\
#version 300 es
#define SHADER_NAME dot-layer-fragment-shader
precision highp float;
in vec4 vColor;
in float vRadius;
out vec4 fragColor;
void main(void) {
  vec2 unit = gl_PointCoord * 2.0 - 1.0;
  float dist = length(unit);
  if (dist > 1.0) discard;
  fragColor = vColor;
  // Soften the outermost device pixel, like an antialiased circle.
  fragColor.a *= clamp((1.0 - dist) * vRadius, 0.0, 1.0);
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

type Color = [number, number, number, number];

interface DotLayerOwnProps<D> {
  /** Dot radius in CSS pixels. */
  radiusPixels?: number;
  getPosition?: (d: D) => [number, number, number];
  getColor?: Color | ((d: D) => Color);
}

export type DotLayerProps<D = unknown> = DotLayerOwnProps<D> & LayerProps;

const defaultProps: DefaultProps<DotLayerOwnProps<unknown>> = {
  radiusPixels: { type: 'number', min: 0, value: 2 },
  getPosition: { type: 'accessor', value: (x: unknown) => (x as { position: [number, number, number] }).position },
  getColor: { type: 'accessor', value: [0, 0, 0, 255] },
};

export class DotLayer<D = unknown> extends Layer<Required<DotLayerOwnProps<D>> & LayerProps> {
  static layerName = 'DotLayer';
  static defaultProps = defaultProps;

  declare state: { model?: Model };

  getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, picking, dotUniforms] });
  }

  initializeState() {
    this.getAttributeManager()!.add({
      positions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        accessor: 'getPosition',
      },
      colors: {
        size: 4,
        type: 'unorm8',
        accessor: 'getColor',
        defaultValue: [0, 0, 0, 255],
      },
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
    if (!model) return;
    model.setVertexCount(this.getNumInstances());
    model.shaderInputs.setProps({ dotLayer: { radiusPixels: this.props.radiusPixels } });
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
