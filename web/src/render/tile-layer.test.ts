import { describe, expect, it } from 'vitest';
import type { DecodedTile } from '../api/tile-decode';
import { RenderBudget } from './budget';
import { tileData, tileLayers, tileRowsDrawn } from './tile-layer';

function tile(key: string, points: number): DecodedTile {
  return { key, points, positions: new Float32Array(points * 3), ids: new Uint32Array(points), columns: {} };
}

describe('tile layers under a frame budget', () => {
  it('draws a prefix of each tile as long as the stride asks, at least one point, all of it at stride 1', () => {
    expect(tileRowsDrawn(50_000, 1)).toBe(50_000);
    expect(tileRowsDrawn(50_000, 0)).toBe(50_000);
    expect(tileRowsDrawn(50_000, 8)).toBe(6250);
    expect(tileRowsDrawn(50_001, 8)).toBe(6251);
    expect(tileRowsDrawn(3, 64)).toBe(1);
  });

  it('hands deck.gl the same attribute objects whatever the length, and the same data for the same length', () => {
    const t = tile('4/3/2', 50_000);
    const colors = new Uint8Array(50_000 * 4);
    const all = tileData(t, colors);
    const part = tileData(t, colors, 6250);
    expect(all.length).toBe(50_000);
    expect(part.length).toBe(6250);
    // Same attribute objects: deck.gl compares them by identity and uploads nothing for a prefix.
    expect(part.attributes).toBe(all.attributes);
    expect(tileData(t, colors, 6250)).toBe(part);
    expect(tileData(t, colors)).toBe(all);
    // New colours are new attributes (uploaded once).
    expect(tileData(t, new Uint8Array(50_000 * 4)).attributes === all.attributes).toBe(false);
    expect(tileData(t, colors, 10 ** 9).length).toBe(50_000);
  });

  it('draws fewer points while the budget thins a moving frame, and every point once still', () => {
    // 14 tiles, 592,139 points: the 10-million-point set zoomed to level 4.
    const tiles = Array.from({ length: 14 }, (_, i) => tile(`4/${i}/0`, i < 11 ? 50_000 : 14_046 + (i === 11 ? 1 : 0)));
    const points = tiles.reduce((s, t) => s + t.points, 0);
    const colors = new Map(tiles.map((t) => [t, new Uint8Array(t.points * 4)]));
    const drawn = (stride: number) => tileLayers(tiles, (t) => colors.get(t)!, 1, stride).reduce((s, l) => s + (l.props.data as { length: number }).length, 0);
    const budget = new RenderBudget({ budgetMs: 33, settleMs: 250 });
    budget.activity(1000);
    const moving = budget.plan(1010, points, false);
    expect(moving.dots).toBeGreaterThan(1);
    expect(drawn(moving.dots)).toBeLessThan(points / 8);
    // Frames learned to cost 50 ms for 20,000 points (a busy machine): a coarser stride.
    for (let i = 0; i < 8; i++) budget.observe(50, moving, points);
    const busier = budget.plan(1020, points, false);
    expect(busier.dots).toBeGreaterThanOrEqual(moving.dots);
    const still = budget.plan(1300, points, false);
    expect(still.dots).toBe(1);
    expect(drawn(still.dots)).toBe(points);
  });
});
