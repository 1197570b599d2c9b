import { batch } from '@preact/signals-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from '../data/layout';
import { Store } from '../state/store';
import { METADATA, item } from '../testing/fakes';
import { bindScene, type BoundScene } from './scene-binding';

const bindings: { dispose(): void }[] = [];
afterEach(() => bindings.splice(0).forEach((b) => b.dispose()));

function recording() {
  const calls: string[] = [];
  const scene: BoundScene = {
    setPoints: () => calls.push('points'),
    setMarks: () => calls.push('marks'),
    setSprite: () => calls.push('sprite'),
    setShowSprites: () => calls.push('showSprites'),
    setHover: (hover) => calls.push(`hover:${hover?.text ?? ''}`),
    setPlaced: (placed) => calls.push(`placed:${placed ? placed.length / 3 : 0}`),
    setUnpickable: (mask) => calls.push(`unpickable:${mask ? 'mask' : 'none'}`),
    markActivity: () => calls.push('activity'),
    zoomedIn: () => 0,
    size: () => ({ width: 100, height: 100 }),
    screenPositions: () => new Float32Array(0),
    canvasOf: () => null,
  };
  const store = new Store();
  const layout = new Layout(4);
  layout.write(new Float32Array(8), 2, [0, 1, null]);
  batch(() => {
    store.item.value = item();
    store.metadata.value = METADATA;
    store.view.label.value = 'label';
    store.layout.value = layout;
  });
  bindings.push(bindScene(scene, store));
  calls.length = 0;
  return { store, calls, layout };
}

describe('bindScene', () => {
  it('hovering a point sets only the hover layers, with its label', () => {
    const { store, calls } = recording();
    store.hovered.value = 1;
    expect(calls).toEqual(['hover:b']);
  });

  it('a frame pushes the points again without rebuilding marks or sprites', () => {
    const { store, calls } = recording();
    store.layoutVersion.value++;
    expect(calls).toEqual(['points']);
  });

  it('selecting repaints the points (fading the rest) and rebuilds the marks', () => {
    const { store, calls } = recording();
    store.view.selection.value = [2];
    expect(calls.sort()).toEqual(['marks', 'points']);
  });

  it('the sprite switches touch only the sprite settings', () => {
    const { store, calls } = recording();
    store.view.tint.value = false;
    expect(calls).toEqual(['showSprites']);
  });
});
