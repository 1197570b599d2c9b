// Draws the map while it moves, from a worker that owns the map's second canvas (an OffscreenCanvas):
// on software WebGL the browser reads a canvas drawn on the main thread back on that thread, waiting
// for the draw, and a live t-SNE with sprites then blocks the page for 50 to 300 ms at a time. Frames
// are coalesced: only the newest is drawn, at most one per animation frame of this worker.

import { GlPoints, type GlFrame, type GlSheet, type GlUnderlay } from './gl-points';

export type RenderRequest =
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'rows'; positions?: Float32Array; colors?: Uint8Array; tiles?: Float32Array | null }
  | { type: 'atlas'; image: ImageBitmap | null; sheet: GlSheet | null }
  | { type: 'underlay'; image: GlUnderlay | null }
  | { type: 'set'; key: string; positions?: Float32Array; colors?: Uint8Array }
  | { type: 'drop'; keys: string[] }
  /** Loses the WebGL context on purpose (WEBGL_lose_context), as a crashed GPU process would: for tests. */
  | { type: 'lose' }
  | { type: 'frame'; frame: GlFrame; token: number };

export type RenderAnswer =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** Frame `token` is on screen: `ms` from its draw to this worker's next animation frame. */
  | { type: 'drawn'; token: number; ms: number; rows: number };

const post = (answer: RenderAnswer) => (self as unknown as Worker).postMessage(answer);
const nextFrame: (f: () => void) => void = typeof requestAnimationFrame === 'function' ? (f) => requestAnimationFrame(f) : (f) => setTimeout(f, 16);

let points: GlPoints | null = null;
let pending: { frame: GlFrame; token: number } | null = null;
let scheduled = false;
let last: { token: number; start: number; rows: number } | null = null;
let lose: WEBGL_lose_context | null = null;

function tick(): void {
  scheduled = false;
  const now = performance.now();
  if (last) post({ type: 'drawn', token: last.token, ms: now - last.start, rows: last.rows });
  last = null;
  const job = pending;
  pending = null;
  if (!job || !points) return;
  const rows = points.draw(job.frame);
  last = { token: job.token, start: now, rows };
  // One more frame reports this one's cost.
  schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  nextFrame(tick);
}

self.onmessage = (event: MessageEvent<RenderRequest>) => {
  const r = event.data;
  try {
    if (r.type === 'canvas') {
      const gl = r.canvas.getContext('webgl2', { antialias: false, alpha: true, premultipliedAlpha: true, depth: true, preserveDrawingBuffer: false });
      if (!gl) throw new Error('WebGL2 is not available in a worker here.');
      // A lost context would leave the last picture standing over the map: the page draws again instead.
      r.canvas.addEventListener('webglcontextlost', () => {
        points = null;
        post({ type: 'failed', message: 'the render worker lost its WebGL context.' });
      });
      points = new GlPoints(gl);
      lose = gl.getExtension('WEBGL_lose_context');
      post({ type: 'ready' });
    } else if (!points) {
      return;
    } else if (r.type === 'rows') {
      if (r.positions) points.uploadPositions(r.positions);
      if (r.colors) points.uploadColors(r.colors);
      if (r.tiles !== undefined) points.uploadTiles(r.tiles);
    } else if (r.type === 'atlas') {
      points.uploadAtlas(r.image, r.sheet);
      r.image?.close();
    } else if (r.type === 'underlay') {
      points.uploadUnderlay(r.image);
    } else if (r.type === 'set') {
      points.uploadSet(r.key, r.positions, r.colors);
    } else if (r.type === 'lose') {
      lose?.loseContext();
    } else if (r.type === 'drop') {
      for (const key of r.keys) points.dropSet(key);
    } else {
      pending = { frame: r.frame, token: r.token };
      schedule();
    }
  } catch (error) {
    points = null;
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
