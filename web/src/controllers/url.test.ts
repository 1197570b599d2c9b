// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../state/store';
import { UrlController } from './url';

afterEach(() => {
  vi.useRealTimers();
  history.replaceState(null, '', '/');
});

describe('UrlController', () => {
  it('returns the view the link names and leaves the link alone until a dataset is open', () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/#d=mnist&c=label');
    const store = new Store();
    const wanted = new UrlController(store, async () => {}).start();
    expect(wanted).toMatchObject({ dataset: 'mnist', color: 'label' });
    vi.advanceTimersByTime(500);
    expect(location.hash).toBe('#d=mnist&c=label');
  });

  it('follows the view, debounced', () => {
    vi.useFakeTimers();
    const store = new Store();
    new UrlController(store, async () => {}).start();
    store.view.dataset.value = 'mnist';
    store.view.color.value = '';
    expect(location.hash).toBe('');
    vi.advanceTimersByTime(250);
    expect(location.hash).toContain('d=mnist');
  });
});
