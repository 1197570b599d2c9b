// Camera of the 2-D (orthographic) and 3-D (orbit) views, fitted to the unit ball of the layout.

import type { Camera } from '../data/view-state';

/** The zoom that shows the unit ball of the layout with a margin in a canvas of `width` x `height`. */
export function fitZoom(width: number, height: number): number {
  const side = Math.max(50, Math.min(width, height));
  return Math.log2(side / 2.3);
}

export function fittedCamera(dims: 2 | 3, width: number, height: number): Camera {
  const zoom = fitZoom(width, height);
  return dims === 3 ? { target: [0, 0, 0], zoom, rotationOrbit: 30, rotationX: 20 } : { target: [0, 0, 0], zoom };
}

/** deck.gl's view state for a camera. */
export function deckViewState(dims: 2 | 3, camera: Camera): Record<string, unknown> {
  if (dims === 3) {
    return {
      target: camera.target, zoom: camera.zoom, rotationOrbit: camera.rotationOrbit ?? 30, rotationX: camera.rotationX ?? 20,
      minZoom: -2, maxZoom: 20,
    };
  }
  return { target: [camera.target[0], camera.target[1], 0], zoom: camera.zoom, minZoom: -2, maxZoom: 24 };
}

/** The camera of a deck.gl view state, rounded so URLs stay short. */
export function cameraOf(dims: 2 | 3, viewState: Record<string, unknown>): Camera {
  const target = (viewState.target as number[] | undefined) ?? [0, 0, 0];
  const zoomValue = viewState.zoom;
  const zoom = Array.isArray(zoomValue) ? Number(zoomValue[0]) : Number(zoomValue ?? 0);
  const c: Camera = { target: [target[0] ?? 0, target[1] ?? 0, target[2] ?? 0], zoom };
  if (dims === 3) {
    c.rotationOrbit = Number(viewState.rotationOrbit ?? 0);
    c.rotationX = Number(viewState.rotationX ?? 0);
  }
  return c;
}
