// The rings the moving picture draws over its points: marks (selection, neighbours, matches), the
// hovered row and placed items, as the still picture's deck.gl layers draw them.

import { RING_FLOATS } from './gl-points';

export type Rgba = readonly [number, number, number, number];

/** One ring: a layout row (or a position of its own), colours 0–255, radius and line width in CSS pixels. */
export interface RingSpec {
  row?: number;
  at?: readonly [number, number, number];
  line: Rgba;
  fill?: Rgba;
  radius: number;
  width: number;
}

/** RING_FLOATS floats per ring, positions from `positions` (x, y, z per row); rows beyond `points` are skipped. */
export function ringsOf(specs: readonly RingSpec[], positions: Float32Array, points: number): Float32Array {
  const out = new Float32Array(specs.length * RING_FLOATS);
  let n = 0;
  for (const s of specs) {
    let x: number;
    let y: number;
    let z: number;
    if (s.at) [x, y, z] = s.at;
    else if (s.row !== undefined && s.row >= 0 && s.row < points) {
      x = positions[s.row * 3];
      y = positions[s.row * 3 + 1];
      z = positions[s.row * 3 + 2];
    } else continue;
    const o = n * RING_FLOATS;
    out[o] = x;
    out[o + 1] = y;
    out[o + 2] = z;
    for (let i = 0; i < 4; i++) {
      out[o + 3 + i] = s.line[i] / 255;
      out[o + 7 + i] = (s.fill?.[i] ?? 0) / 255;
    }
    out[o + 11] = s.radius;
    out[o + 12] = s.width;
    n++;
  }
  return n === specs.length ? out : out.slice(0, n * RING_FLOATS);
}
