// The moving picture's drawing in plain WebGL2, for the render worker (render-worker.ts): dots, sprites
// and mark rings, one GL point per row each, with the shaders of dot-layer.ts and sprite-layer.ts.
// Hand-written because deck.gl 9.4 cannot run in a worker (its Deck needs a styled canvas and a DOM
// event root, its text layer a document) and any WebGL left on the page's main thread brings the
// canvas read-back and its long tasks back (bench/browser/offscreen-probe.mjs: 4.1–4.5 s of long tasks
// in 4 s drawing on the main thread, none from a worker, 0.7–0.8 s tasks again with a small WebGL
// overlay on the main thread). A stride draws every k-th row through the attribute stride: unlike a
// deck.gl layer, a new stride here links nothing.

/** What one moving frame draws; sizes in CSS pixels, strides as in DrawPlan (0: none of that kind). */
export interface GlFrame {
  /** The canvas's CSS size and the device-pixel ratio of its drawing buffer. */
  width: number;
  height: number;
  pixelRatio: number;
  /** World to clip space (deck.gl's viewport.viewProjectionMatrix), column-major. */
  viewProjection: ArrayLike<number>;
  /** 3-D: dots are depth-tested. */
  depth: boolean;
  dots: number;
  sprites: number;
  radius: number;
  spriteSize: number;
  opacity: number;
  tint: boolean;
  /** RING_FLOATS floats per ring, see ringsOf. */
  rings: Float32Array;
  /** Draw these row sets (uploadSet) as dots instead of the rows: the first `rows` of each. */
  sets?: { key: string; rows: number }[];
}

/** The sprite sheet's tile layout (pixels). */
export interface GlSheet {
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
}

/** An image under the points (the density shading): `size` x `size` rgba, its first row at y1. */
export interface GlUnderlay {
  pixels: Uint8ClampedArray;
  size: number;
  /** x0, y0, x1, y1 in layout coordinates. */
  bounds: [number, number, number, number];
}

/** Per ring: x, y, z, line rgba (0–1), fill rgba (0–1), radius and line width in CSS pixels. */
export const RING_FLOATS = 13;

const DOT_VS = `#version 300 es
in vec3 position;
in vec4 color;
uniform mat4 viewProjection;
uniform float radius;
uniform float opacity;
out vec4 vColor;
out float vRadius;
void main(void) {
  gl_Position = viewProjection * vec4(position, 1.0);
  vRadius = radius;
  gl_PointSize = 2.0 * radius;
  if (color.a == 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  vColor = vec4(color.rgb, color.a * opacity);
}`;

const DOT_FS = `#version 300 es
precision highp float;
in vec4 vColor;
in float vRadius;
out vec4 fragColor;
void main(void) {
  vec2 unit = gl_PointCoord * 2.0 - 1.0;
  float dist = length(unit);
  if (dist > 1.0) discard;
  fragColor = vColor;
  fragColor.a *= clamp((1.0 - dist) * vRadius, 0.0, 1.0);
}`;

const SPRITE_VS = `#version 300 es
in vec3 position;
in vec4 color;
in float tile;
uniform mat4 viewProjection;
uniform float sizePixels;
uniform float columns;
uniform float count;
uniform float opacity;
out vec4 vColor;
out vec2 vTile;
void main(void) {
  gl_Position = viewProjection * vec4(position, 1.0);
  gl_PointSize = sizePixels;
  if (tile < 0.0 || tile >= count || color.a == 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  float row = floor((tile + 0.5) / columns);
  vTile = vec2(tile - row * columns, row);
  vColor = vec4(color.rgb, color.a * opacity);
}`;

const SPRITE_FS = `#version 300 es
precision highp float;
uniform sampler2D atlas;
uniform vec2 tileSize;
uniform vec2 atlasSize;
uniform vec2 fit;
uniform float tint;
in vec4 vColor;
in vec2 vTile;
out vec4 fragColor;
void main(void) {
  vec2 q = (gl_PointCoord - 0.5) * fit + 0.5;
  if (q.x < 0.0 || q.x > 1.0 || q.y < 0.0 || q.y > 1.0) discard;
  vec4 texColor = texture(atlas, (vTile + q) * tileSize / atlasSize);
  if (tint > 0.5) {
    float lum = dot(texColor.rgb, vec3(0.299, 0.587, 0.114));
    fragColor = vec4(vColor.rgb * (0.45 + 0.55 * lum), texColor.a * vColor.a * smoothstep(0.06, 0.35, lum));
  } else {
    fragColor = vec4(texColor.rgb, texColor.a * vColor.a);
  }
  if (fragColor.a < 0.02) discard;
}`;

const RING_VS = `#version 300 es
in vec3 position;
in vec4 lineColor;
in vec4 fillColor;
in vec2 shape;
uniform mat4 viewProjection;
uniform float pixelRatio;
out vec4 vLine;
out vec4 vFill;
out vec2 vShape;
void main(void) {
  gl_Position = viewProjection * vec4(position, 1.0);
  // The point's square holds the ring with its line's outer half and a pixel to soften the edge.
  vShape = shape * pixelRatio;
  gl_PointSize = 2.0 * (vShape.x + vShape.y * 0.5 + 1.0);
  vLine = lineColor;
  vFill = fillColor;
}`;

const RING_FS = `#version 300 es
precision highp float;
in vec4 vLine;
in vec4 vFill;
in vec2 vShape;
out vec4 fragColor;
void main(void) {
  float half_ = vShape.x + vShape.y * 0.5 + 1.0;
  float d = length(gl_PointCoord * 2.0 - 1.0) * half_;
  float line = clamp(vShape.y * 0.5 + 0.5 - abs(d - vShape.x), 0.0, 1.0);
  float fill = clamp(vShape.x - d + 0.5, 0.0, 1.0);
  vec4 c = mix(vFill * fill, vLine, line);
  if (c.a < 0.01) discard;
  fragColor = c;
}`;

const UNDER_VS = `#version 300 es
in vec2 corner;
uniform mat4 viewProjection;
uniform vec4 bounds;
out vec2 vUv;
void main(void) {
  gl_Position = viewProjection * vec4(mix(bounds.xy, bounds.zw, corner), 0.0, 1.0);
  vUv = vec2(corner.x, 1.0 - corner.y);
}`;

const UNDER_FS = `#version 300 es
precision highp float;
uniform sampler2D image;
in vec2 vUv;
out vec4 fragColor;
void main(void) {
  fragColor = texture(image, vUv);
}`;

interface Program {
  program: WebGLProgram;
  uniforms: Map<string, WebGLUniformLocation | null>;
  attributes: Map<string, number>;
}

/** Draws GlFrames on one WebGL2 context; `upload*` keep the rows between frames. */
export class GlPoints {
  private readonly dot: Program;
  private readonly sprite: Program;
  private readonly ring: Program;
  private readonly under: Program;
  private readonly corners: WebGLBuffer;
  private underlay: { texture: WebGLTexture; bounds: [number, number, number, number] } | null = null;
  private readonly positions: WebGLBuffer;
  private readonly colors: WebGLBuffer;
  private readonly tiles: WebGLBuffer;
  private readonly ringBuffer: WebGLBuffer;
  private readonly vao: WebGLVertexArrayObject;
  private rows = 0;
  private hasColors = false;
  private hasTiles = false;
  private atlas: { texture: WebGLTexture; sheet: GlSheet } | null = null;
  private readonly sets = new Map<string, { positions: WebGLBuffer; colors: WebGLBuffer; rows: number }>();

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.dot = link(gl, DOT_VS, DOT_FS);
    this.sprite = link(gl, SPRITE_VS, SPRITE_FS);
    this.ring = link(gl, RING_VS, RING_FS);
    this.under = link(gl, UNDER_VS, UNDER_FS);
    this.corners = gl.createBuffer()!;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.corners);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]), gl.STATIC_DRAW);
    this.positions = gl.createBuffer()!;
    this.colors = gl.createBuffer()!;
    this.tiles = gl.createBuffer()!;
    this.ringBuffer = gl.createBuffer()!;
    this.vao = gl.createVertexArray()!;
  }

  /** x, y, z per row. */
  uploadPositions(positions: Float32Array): void {
    this.rows = Math.floor(positions.length / 3);
    this.upload(this.positions, positions);
  }

  /** rgba bytes per row. */
  uploadColors(colors: Uint8Array): void {
    this.hasColors = true;
    this.upload(this.colors, colors);
  }

  /** The sheet tile of each row (-1: none); null when the dataset has no sprites. */
  uploadTiles(tiles: Float32Array | null): void {
    this.hasTiles = tiles !== null;
    if (tiles) this.upload(this.tiles, tiles);
  }

  /** The sprite sheet, mipmapped as the still picture's; null drops it. */
  uploadAtlas(image: ImageBitmap | null, sheet: GlSheet | null): void {
    const gl = this.gl;
    if (this.atlas) gl.deleteTexture(this.atlas.texture);
    this.atlas = null;
    if (!image || !sheet) return;
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, image);
    gl.generateMipmap(gl.TEXTURE_2D);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.atlas = { texture, sheet: { ...sheet, width: image.width, height: image.height } };
  }

  /** The image drawn under the points; null drops it. */
  uploadUnderlay(image: GlUnderlay | null): void {
    const gl = this.gl;
    if (this.underlay) gl.deleteTexture(this.underlay.texture);
    this.underlay = null;
    if (!image) return;
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, image.size, image.size, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength));
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.underlay = { texture, bounds: image.bounds };
  }

  /** Rows of their own under `key` (a tile): positions (x, y, z per row) and rgba bytes, either may be left as it was. */
  uploadSet(key: string, positions?: Float32Array, colors?: Uint8Array): void {
    const gl = this.gl;
    let set = this.sets.get(key);
    if (!set) {
      set = { positions: gl.createBuffer()!, colors: gl.createBuffer()!, rows: 0 };
      this.sets.set(key, set);
    }
    if (positions) {
      set.rows = Math.floor(positions.length / 3);
      this.upload(set.positions, positions);
    }
    if (colors) this.upload(set.colors, colors);
  }

  dropSet(key: string): void {
    const set = this.sets.get(key);
    if (!set) return;
    this.gl.deleteBuffer(set.positions);
    this.gl.deleteBuffer(set.colors);
    this.sets.delete(key);
  }

  get hasAtlas(): boolean {
    return this.atlas !== null;
  }

  /** Draws `frame` over a cleared, transparent canvas; returns the rows drawn. */
  draw(frame: GlFrame): number {
    const gl = this.gl;
    const canvas = gl.canvas;
    const w = Math.max(1, Math.round(frame.width * frame.pixelRatio));
    const h = Math.max(1, Math.round(frame.height * frame.pixelRatio));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    gl.viewport(0, 0, w, h);
    gl.clearColor(0, 0, 0, 0);
    gl.clearDepth(1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.enable(gl.BLEND);
    // deck.gl's blending: colour by source alpha, alpha accumulated, into a premultiplied canvas.
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.vao);
    const vp = new Float32Array(16);
    for (let i = 0; i < 16; i++) vp[i] = frame.viewProjection[i];
    let drawn = 0;
    if (this.underlay && !frame.depth) this.drawUnderlay(vp, this.underlay);
    if (frame.sets) drawn += this.drawSets(frame, vp, frame.sets);
    if (frame.dots > 0 && this.rows > 0 && this.hasColors) {
      if (frame.depth) {
        gl.enable(gl.DEPTH_TEST);
        gl.depthFunc(gl.LEQUAL);
      }
      const p = this.use(this.dot, vp);
      gl.uniform1f(p.uniforms.get('radius')!, frame.radius * frame.pixelRatio);
      gl.uniform1f(p.uniforms.get('opacity')!, frame.opacity);
      drawn += this.rowsDrawn(p, frame.dots, false);
      gl.disable(gl.DEPTH_TEST);
    }
    const atlas = this.atlas;
    if (frame.sprites > 0 && atlas && this.hasTiles && this.rows > 0 && this.hasColors) {
      const s = atlas.sheet;
      const columns = Math.max(1, Math.floor(s.width / s.tileWidth));
      const longest = Math.max(s.tileWidth, s.tileHeight);
      const p = this.use(this.sprite, vp);
      gl.uniform1f(p.uniforms.get('sizePixels')!, frame.spriteSize * frame.pixelRatio);
      gl.uniform1f(p.uniforms.get('columns')!, columns);
      gl.uniform1f(p.uniforms.get('count')!, columns * Math.max(1, Math.floor(s.height / s.tileHeight)));
      gl.uniform1f(p.uniforms.get('opacity')!, frame.opacity);
      gl.uniform2f(p.uniforms.get('tileSize')!, s.tileWidth, s.tileHeight);
      gl.uniform2f(p.uniforms.get('atlasSize')!, s.width, s.height);
      gl.uniform2f(p.uniforms.get('fit')!, longest / s.tileWidth, longest / s.tileHeight);
      gl.uniform1f(p.uniforms.get('tint')!, frame.tint ? 1 : 0);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, atlas.texture);
      gl.uniform1i(p.uniforms.get('atlas')!, 0);
      drawn += this.rowsDrawn(p, frame.sprites, true);
    }
    const rings = Math.floor(frame.rings.length / RING_FLOATS);
    if (rings > 0) this.drawRings(frame, vp, rings);
    return drawn;
  }

  private drawSets(frame: GlFrame, vp: Float32Array, sets: { key: string; rows: number }[]): number {
    const gl = this.gl;
    const p = this.use(this.dot, vp);
    gl.uniform1f(p.uniforms.get('radius')!, frame.radius * frame.pixelRatio);
    gl.uniform1f(p.uniforms.get('opacity')!, frame.opacity);
    this.resetAttributes();
    let drawn = 0;
    for (const { key, rows } of sets) {
      const set = this.sets.get(key);
      if (!set) continue;
      const count = Math.min(rows, set.rows);
      gl.bindBuffer(gl.ARRAY_BUFFER, set.positions);
      this.attribute(p, 'position', 3, gl.FLOAT, false, 12, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, set.colors);
      this.attribute(p, 'color', 4, gl.UNSIGNED_BYTE, true, 4, 0);
      gl.drawArrays(gl.POINTS, 0, count);
      drawn += count;
    }
    return drawn;
  }

  private drawUnderlay(vp: Float32Array, u: { texture: WebGLTexture; bounds: [number, number, number, number] }): void {
    const gl = this.gl;
    const p = this.use(this.under, vp);
    gl.uniform4f(p.uniforms.get('bounds')!, u.bounds[0], u.bounds[1], u.bounds[2], u.bounds[3]);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, u.texture);
    gl.uniform1i(p.uniforms.get('image')!, 0);
    this.resetAttributes();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.corners);
    this.attribute(p, 'corner', 2, gl.FLOAT, false, 8, 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  private drawRings(frame: GlFrame, vp: Float32Array, rings: number): void {
    const gl = this.gl;
    const p = this.use(this.ring, vp);
    gl.uniform1f(p.uniforms.get('pixelRatio')!, frame.pixelRatio);
    this.resetAttributes();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.ringBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, frame.rings, gl.DYNAMIC_DRAW);
    const stride = RING_FLOATS * 4;
    this.attribute(p, 'position', 3, gl.FLOAT, false, stride, 0);
    this.attribute(p, 'lineColor', 4, gl.FLOAT, false, stride, 12);
    this.attribute(p, 'fillColor', 4, gl.FLOAT, false, stride, 28);
    this.attribute(p, 'shape', 2, gl.FLOAT, false, stride, 44);
    gl.drawArrays(gl.POINTS, 0, rings);
  }

  /** Binds every `stride`-th row's attributes for `p` and draws them. */
  private rowsDrawn(p: Program, stride: number, withTiles: boolean): number {
    const gl = this.gl;
    const count = Math.ceil(this.rows / stride);
    this.resetAttributes();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    this.attribute(p, 'position', 3, gl.FLOAT, false, 12 * stride, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colors);
    this.attribute(p, 'color', 4, gl.UNSIGNED_BYTE, true, 4 * stride, 0);
    if (withTiles) {
      gl.bindBuffer(gl.ARRAY_BUFFER, this.tiles);
      this.attribute(p, 'tile', 1, gl.FLOAT, false, 4 * stride, 0);
    }
    gl.drawArrays(gl.POINTS, 0, count);
    return count;
  }

  private use(p: Program, vp: Float32Array): Program {
    this.gl.useProgram(p.program);
    this.gl.uniformMatrix4fv(p.uniforms.get('viewProjection')!, false, vp);
    return p;
  }

  private attribute(p: Program, name: string, size: number, type: number, normalized: boolean, stride: number, offset: number): void {
    const at = p.attributes.get(name);
    if (at === undefined || at < 0) return;
    this.gl.enableVertexAttribArray(at);
    this.gl.vertexAttribPointer(at, size, type, normalized, stride, offset);
  }

  /** Attribute slots a program before left enabled: one vertex array serves all three programs. */
  private resetAttributes(): void {
    for (let i = 0; i < 8; i++) this.gl.disableVertexAttribArray(i);
  }

  private upload(buffer: WebGLBuffer, data: ArrayBufferView): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.DYNAMIC_DRAW);
  }
}

function link(gl: WebGL2RenderingContext, vs: string, fs: string): Program {
  const compile = (type: number, source: string) => {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`A map shader did not compile: ${gl.getShaderInfoLog(shader)}`);
    return shader;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl.VERTEX_SHADER, vs));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, fs));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`A map shader did not link: ${gl.getProgramInfoLog(program)}`);
  const uniforms = new Map<string, WebGLUniformLocation | null>();
  for (let i = 0; i < gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS); i++) {
    const u = gl.getActiveUniform(program, i)!;
    uniforms.set(u.name, gl.getUniformLocation(program, u.name));
  }
  const attributes = new Map<string, number>();
  for (let i = 0; i < gl.getProgramParameter(program, gl.ACTIVE_ATTRIBUTES); i++) {
    const a = gl.getActiveAttrib(program, i)!;
    attributes.set(a.name, gl.getAttribLocation(program, a.name));
  }
  return { program, uniforms, attributes };
}
