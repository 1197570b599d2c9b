// `window.__projector`: what the browser tests read (web/README.md, "Hooks for browser tests").

import type { Job } from '../api/contract';
import type { StepChange, StepsController } from '../controllers/steps';
import { frameStats } from '../api/frame-channel';
import type { Scene } from '../render/scene';
import type { Store } from '../state/store';
import type { Progress } from './status';

export interface TestHook {
  readonly ready: boolean;
  screenOf(index: number): [number, number] | null;
  selected(): number[];
  positions(): Float32Array | null;
  view(): '2d' | '3d';
  job(): Job | null;
  /** How many placed items the map draws, and page pixels of one of them. */
  placed(): number;
  screenOfPlaced(index: number): [number, number] | null;
  /** Frames decoded in the worker and dropped for a newer one; what the last picture drew. */
  frames(): { decodedInWorker: number; skipped: number; plan: { pixelRatio: number; sprites: number; dots: number }; longTaskFloor: number; offThread: { frames: number; shown: boolean } };
  /** Draws `plan` as a moving frame until called with null (see Scene.holdMoving). */
  holdMoving(plan: { pixelRatio: number; sprites: number; dots: number } | null): void;
  /** Pictures by the render worker (true, the default) or by deck.gl on the main thread. */
  useWorker(on: boolean): void;
  /** Makes the render worker lose its WebGL context; the page then draws every frame itself. */
  loseWorkerContext(): void;
  /** The raw layout on screen (N x dims, as the server sent it), a copy. */
  layoutRaw(): { dims: number; values: Float32Array } | null;
  /** The move between steps: under way (with its progress 0..1) and the last change; `duration` sets how long moves take. */
  steps(duration?: number): { moving: boolean; progress: number | null; change: StepChange | null };
}

export function testHook(store: Store, scene: Scene, progress: Progress, steps: StepsController | null = null): TestHook {
  return {
    /** The points of the current layout are on screen and nothing the page asked for is still loading (a projection may still run). */
    get ready(): boolean {
      const layout = store.layout.peek();
      const job = store.job.peek();
      const running = job !== null && (job.status === 'running' || job.status === 'queued');
      return layout !== null && store.iteration.peek() !== null && scene.hasDrawn(layout, running) && progress.idle;
    },
    screenOf: (index) => {
      const row = store.layoutRowOf(index);
      return row < 0 ? null : scene.clientOf(row);
    },
    selected: () => [...store.view.selection.peek()],
    positions: () => store.layout.peek()?.positions ?? null,
    view: () => (scene.is3d ? '3d' : '2d'),
    job: () => store.job.peek(),
    placed: () => (store.placedPositions.peek()?.length ?? 0) / 3,
    screenOfPlaced: (index) => scene.clientOfPlaced(index),
    frames: () => ({ ...frameStats, plan: scene.drawPlan, longTaskFloor: scene.longTaskFloor, offThread: scene.workerFrames }),
    holdMoving: (plan) => scene.holdMoving(plan),
    loseWorkerContext: () => scene.loseWorkerContext(),
    useWorker: (on) => scene.useWorker(on),
    layoutRaw: () => {
      const layout = store.layout.peek();
      return layout?.raw ? { dims: layout.rawDims, values: layout.raw.slice() } : null;
    },
    steps: (duration) => {
      if (steps && duration !== undefined) steps.duration = duration;
      return { moving: steps?.moving ?? false, progress: steps?.progress() ?? null, change: steps?.change.peek() ?? null };
    },
  };
}
