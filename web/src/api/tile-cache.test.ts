import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache';

describe('TileCache', () => {
  it('drops the least recently used tiles past the bound, never a pinned one', () => {
    const cache = new TileCache<{ points: number }>(100);
    cache.set('a', { points: 40 }, new Set());
    cache.set('b', { points: 40 }, new Set());
    cache.get('a');
    cache.set('c', { points: 40 }, new Set());
    expect(cache.has('b')).toBe(false);
    expect([cache.has('a'), cache.has('c'), cache.points, cache.evicted]).toEqual([true, true, 80, 1]);

    cache.set('d', { points: 40 }, new Set(['a', 'c']));
    expect([cache.has('a'), cache.has('c'), cache.has('d'), cache.points]).toEqual([true, true, true, 120]);
    cache.set('e', { points: 10 }, new Set(['e']));
    expect([cache.has('a'), cache.points]).toEqual([false, 90]);
  });
});
