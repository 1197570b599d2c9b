import { effect } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { defaultViewState } from '../data/view-state';
import { assign, peekSnapshot, snapshot, viewSignals } from './view-signals';

describe('view signals', () => {
  it('hold the whole view state, one signal per field', () => {
    const view = viewSignals();
    expect(peekSnapshot(view)).toEqual(defaultViewState());
    view.color.value = 'label';
    expect(snapshot(view).color).toBe('label');
  });

  it('assign sets several fields at once: an effect sees them together, once', () => {
    const view = viewSignals();
    const seen: string[] = [];
    const stop = effect(() => {
      seen.push(`${view.method.value}/${view.seed.value}`);
    });
    assign(view, { method: 'tsne', seed: 7 });
    stop();
    expect(seen).toEqual(['pca/42', 'tsne/7']);
  });

  it('an effect on one field does not run when another changes (the camera moves on every pan)', () => {
    const view = viewSignals();
    let runs = 0;
    const stop = effect(() => {
      view.color.value;
      runs++;
    });
    view.camera.value = { target: [1, 2, 0], zoom: 3 };
    view.selection.value = [1];
    stop();
    expect(runs).toBe(1);
  });
});
