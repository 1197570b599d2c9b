// Binary frames of the projection WebSocket: a 24-byte header, then N x dims float32 positions.

import type { Axes } from '../data/layout';


/** Positions of one moment of a projection: `points` rows of `dims` float32 values. */
export interface LayoutFrame {
  iteration: number;
  totalIterations: number;
  points: number;
  dims: number;
  /** NaN when the cost was not computed at this iteration. */
  cost: number;
  positions: Float32Array;
  /** The positions already centred and scaled for drawing (N x 3) with `axes`, when a worker did it. */
  normalized?: { axes: Axes; positions: Float32Array };
}

export const FRAME_HEADER_BYTES = 24;
const MAGIC = 'PRJF';

/** Reads a frame without copying the positions; throws on a malformed message. */
export function parseFrame(buffer: ArrayBuffer): LayoutFrame {
  if (buffer.byteLength < FRAME_HEADER_BYTES) {
    throw new Error(`A projection frame of ${buffer.byteLength} bytes is shorter than its 24-byte header.`);
  }
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== MAGIC) throw new Error(`A projection frame starts with "${magic}" instead of "${MAGIC}".`);
  const iteration = view.getUint32(4, true);
  const totalIterations = view.getUint32(8, true);
  const points = view.getUint32(12, true);
  const dims = view.getUint32(16, true);
  const cost = view.getFloat32(20, true);
  const expected = FRAME_HEADER_BYTES + points * dims * 4;
  if (buffer.byteLength !== expected) {
    throw new Error(`A projection frame of ${points} x ${dims} should be ${expected} bytes, not ${buffer.byteLength}.`);
  }
  return { iteration, totalIterations, points, dims, cost, positions: new Float32Array(buffer, FRAME_HEADER_BYTES, points * dims) };
}

/** Writes a frame as the server does; used by tests and by a static source replaying a layout. */
export function encodeFrame(frame: LayoutFrame): ArrayBuffer {
  const buffer = new ArrayBuffer(FRAME_HEADER_BYTES + frame.positions.length * 4);
  const view = new DataView(buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, MAGIC.charCodeAt(i));
  view.setUint32(4, frame.iteration, true);
  view.setUint32(8, frame.totalIterations, true);
  view.setUint32(12, frame.points, true);
  view.setUint32(16, frame.dims, true);
  view.setFloat32(20, frame.cost, true);
  new Float32Array(buffer, FRAME_HEADER_BYTES).set(frame.positions);
  return buffer;
}
