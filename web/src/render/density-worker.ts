// Computes the density shading off the page's main thread (data/density.ts): a million points take
// tens of milliseconds, which would stall a frame of interaction.

import { densityGrid, densityImage } from '../data/density';

export interface DensityRequest {
  id: number;
  positions: Float32Array;
  mask: Uint8Array | null;
  size: number;
  color: [number, number, number];
}

export interface DensityAnswer {
  id: number;
  pixels: Uint8ClampedArray;
  size: number;
  bounds: [number, number, number, number];
  points: number;
  milliseconds: number;
}

self.onmessage = (event: MessageEvent<DensityRequest>) => {
  const r = event.data;
  const start = performance.now();
  const grid = densityGrid(r.positions, 3, r.mask, { size: r.size });
  const pixels = densityImage(grid, r.color);
  const answer: DensityAnswer = { id: r.id, pixels, size: grid.size, bounds: grid.bounds, points: grid.points, milliseconds: performance.now() - start };
  (self as unknown as Worker).postMessage(answer, [pixels.buffer]);
};
