// What every controller works with: the store it writes, the data source it asks, the progress line
// for long waits, and the parts of the scene that are about the camera rather than about data.

import type { DataSource } from '../api/source';
import type { Camera } from '../data/view-state';
import type { Store } from '../state/store';

export interface Busy {
  /** Shows `label` while `work` runs. */
  during<T>(label: string, work: Promise<T>): Promise<T>;
}

/** The camera and screen of the scene (`render/scene.ts`); tests pass a fake. */
export interface SceneView {
  readonly is3d: boolean;
  setView(dims: 2 | 3, camera: Camera | null): void;
  fit(): void;
  camera(): Camera;
  zoomedIn(): number;
  size(): { width: number; height: number };
  /** Canvas pixels of every layout row (2 floats per row). */
  screenPositions(): Float32Array;
}

export interface Context {
  store: Store;
  source: DataSource;
  busy: Busy;
  scene: SceneView;
}
