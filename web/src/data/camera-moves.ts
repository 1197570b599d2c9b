// The camera moves of the keyboard: arrows pan (2-D) or turn (3-D), + and - zoom, and fitting the
// camera to some points. Pure functions of the camera, so they are tested without a canvas.

import type { Camera } from './view-state';

/** One arrow press moves the view by this share of the canvas's smaller side. */
export const PAN_STEP = 0.1;
/** One + or - press zooms by this many powers of two. */
export const ZOOM_STEP = 0.5;
/** One arrow press turns a 3-D view by this many degrees. */
export const TURN_STEP = 10;

export type Arrow = 'left' | 'right' | 'up' | 'down';

/**
 * The camera after one arrow press. In 2-D the points move the way the arrow points (as when
 * dragging them); in 3-D the view turns about its target.
 */
export function arrowMove(camera: Camera, arrow: Arrow, dims: 2 | 3, size: { width: number; height: number }): Camera {
  const dx = arrow === 'left' ? -1 : arrow === 'right' ? 1 : 0;
  const dy = arrow === 'up' ? -1 : arrow === 'down' ? 1 : 0;
  if (dims === 3) {
    const rotationX = Math.max(-90, Math.min(90, (camera.rotationX ?? 0) - dy * TURN_STEP));
    return { ...camera, rotationOrbit: (camera.rotationOrbit ?? 0) + dx * TURN_STEP, rotationX };
  }
  // World units per pixel are 2^-zoom; the target moves against the arrow so the points follow it.
  const step = (PAN_STEP * Math.min(size.width, size.height)) / 2 ** camera.zoom;
  const [x, y, z] = camera.target;
  return { ...camera, target: [x - dx * step, y - dy * step, z] };
}

export function zoomBy(camera: Camera, steps: number): Camera {
  return { ...camera, zoom: Math.max(-2, Math.min(24, camera.zoom + steps * ZOOM_STEP)) };
}

/**
 * The camera that shows `rows` of `positions` (N x 3) with a margin, keeping a 3-D view's rotation;
 * null when there are no rows. A single point is shown at four times the fitted zoom.
 */
export function fitRows(camera: Camera, positions: Float32Array, rows: Iterable<number>, size: { width: number; height: number }, fittedZoom: number): Camera | null {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  let count = 0;
  for (const row of rows) {
    const at = row * 3;
    if (at + 2 >= positions.length) continue;
    for (let d = 0; d < 3; d++) {
      const v = positions[at + d];
      if (!Number.isFinite(v)) continue;
      if (v < min[d]) min[d] = v;
      if (v > max[d]) max[d] = v;
    }
    count++;
  }
  if (count === 0) return null;
  const target: [number, number, number] = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const extent = Math.max(max[0] - min[0], max[1] - min[1], camera.rotationOrbit !== undefined ? max[2] - min[2] : 0);
  const side = Math.max(50, Math.min(size.width, size.height));
  const zoom = extent > 0 ? Math.log2((side * 0.8) / extent) : fittedZoom + 2;
  return { ...camera, target, zoom: Math.max(-2, Math.min(24, zoom)) };
}
