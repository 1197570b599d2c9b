// `window.__projector`: what the browser tests read (web/README.md, "Hooks for browser tests").

import type { Scene } from '../render/scene';
import type { Store } from '../state/store';
import type { Progress } from './status';

export interface TestHook {
  readonly ready: boolean;
  screenOf(index: number): [number, number] | null;
  selected(): number[];
  positions(): Float32Array | null;
  view(): '2d' | '3d';
}

export function testHook(store: Store, scene: Scene, progress: Progress): TestHook {
  return {
    /** A layout is drawn and nothing the page asked for is still loading (a projection may still run). */
    get ready(): boolean {
      return store.layout.peek() !== null && store.iteration.peek() !== null && scene.hasRendered && progress.idle;
    },
    screenOf: (index) => {
      const row = store.layoutRowOf(index);
      return row < 0 ? null : scene.clientOf(row);
    },
    selected: () => [...store.view.selection.peek()],
    positions: () => store.layout.peek()?.positions ?? null,
    view: () => (scene.is3d ? '3d' : '2d'),
  };
}
