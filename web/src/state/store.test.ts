import { effect } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { METADATA, item } from '../testing/fakes';
import { Store } from './store';

describe('Store', () => {
  it('the layout is current until an option of its request changes; PCA view dims only change axes', () => {
    const store = new Store();
    store.item.value = item();
    store.layoutFor.value = store.requestKey.value;
    expect(store.layoutIsCurrent.value).toBe(true);
    store.view.dims.value = 3;
    expect(store.layoutIsCurrent.value).toBe(true);
    store.view.method.value = 'tsne';
    expect(store.layoutIsCurrent.value).toBe(false);
  });

  it('the colour encoding follows the colour column and the metadata', () => {
    const store = new Store();
    store.item.value = item();
    store.view.color.value = 'label';
    expect(store.encoding.value?.legend.kind).toBe('none');
    store.metadata.value = METADATA;
    expect(store.encoding.value?.legend).toMatchObject({ kind: 'categorical', column: 'label' });
  });

  it('labels come from the label column, or the index when a row has none', () => {
    const store = new Store();
    store.metadata.value = METADATA;
    store.view.label.value = 'label';
    expect(store.labelOf(1)).toBe('b');
    store.view.label.value = '';
    expect(store.labelOf(1)).toBe('#1');
  });

  it('a derived value re-runs its readers only when it changes', () => {
    const store = new Store();
    store.item.value = item();
    let runs = 0;
    const stop = effect(() => {
      store.layoutIsCurrent.value;
      runs++;
    });
    store.view.seed.value = 42; // the same seed: nothing changed
    store.view.camera.value = { target: [0, 0, 0], zoom: 2 };
    store.view.pca.value = [1, 2, 0];
    stop();
    expect(runs).toBe(1);
  });
});
