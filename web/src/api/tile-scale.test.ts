// The tile page's arithmetic at 100 million points (a synthetic tiles.json, see testing/tile-manifest):
// how many tiles the description lists and how big it is, how many tiles and points a view needs at
// every zoom, that the cache stays bounded along a deep zoom, and what a moving frame draws.
import { describe, expect, it } from 'vitest';
import { RenderBudget } from '../render/budget';
import { tileRowsDrawn } from '../render/tile-layer';
import { syntheticTileSet } from '../testing/tile-manifest';
import { TileCache, TILE_CACHE_POINTS } from './tile-cache';
import { levelForZoom, parseTileSet, TileIndex, tileKey, tilesInView, tileWorldBounds, type TileEntry, type TileSetInfo } from './tile-set';

const WIDTH = 1280;
const HEIGHT = 800;
const manifest = syntheticTileSet(100_000_000);
const text = JSON.stringify(manifest);
const set: TileSetInfo = parseTileSet(JSON.parse(text), 'tiles.json');
const index = new TileIndex(set.tiles);

/** The world rectangle a WIDTH x HEIGHT canvas shows at deck.gl zoom `zoom` around (cx, cy). */
function view(cx: number, cy: number, zoom: number): [number, number, number, number] {
  const w = WIDTH / 2 ** zoom / 2;
  const h = HEIGHT / 2 ** zoom / 2;
  return [cx - w, cy - h, cx + w, cy + h];
}

/** Views from the fitted one (zoom 8.6: 2 world units in 800 px) to past the deepest level, over a grid of centres and the densest spot. */
function* views(): Generator<{ viewport: [number, number, number, number]; level: number }> {
  const deepest = set.tiles.reduce((a, t) => (t.level > a.level ? t : a));
  const [x0, y0, x1, y1] = tileWorldBounds(deepest);
  const centres: [number, number][] = [[(x0 + x1) / 2, (y0 + y1) / 2]];
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) centres.push([-0.9 + i * 0.3, -0.9 + j * 0.3]);
  for (let zoom = 8.6; zoom <= 10 + set.levels; zoom += 0.5) {
    for (const [cx, cy] of centres) yield { viewport: view(cx, cy, zoom), level: levelForZoom(zoom, set.levels) };
  }
}

describe('a 100-million-point tile set', () => {
  it('lists a few thousand tiles in a description of well under a megabyte', () => {
    expect(set.points).toBe(100_000_000);
    expect(set.tiles.length).toBeGreaterThanOrEqual(100_000_000 / 50_000);
    expect(set.tiles.length).toBeLessThan(10_000);
    expect(set.levels).toBeLessThanOrEqual(12);
    // One [level, x, y, points] a tile: under 20 bytes each.
    expect(text.length).toBeLessThan(20 * set.tiles.length + 1000);
  });

  it('needs a bounded number of tiles and points at every zoom, found through the index as by testing every tile', () => {
    let most = 0;
    for (const { viewport, level } of views()) {
      const wanted = index.inView(viewport, level);
      expect(wanted).toEqual(tilesInView(set.tiles, viewport, level));
      // A level is loaded once its parent's tiles span more than 1024 px: its own tiles span 512-1024 px,
      // at most 4 x 3 in a 1280 x 800 view, its parents' at most 3 x 2, and each coarser level's 2 x 2.
      expect(wanted.length).toBeLessThanOrEqual(level === 0 ? 1 : 12 + 6 + 4 * (level - 1));
      most = Math.max(most, wanted.reduce((s, t) => s + t.points, 0));
    }
    // Deep zooms do not pile up points: the finer a level, the fewer of its tiles hold a full 50,000.
    expect(most).toBeLessThan(1_500_000);
  });

  it('keeps the cache within its bound plus the tiles in view along a zoom to the deepest level and back', () => {
    const cache = new TileCache<{ points: number }>(TILE_CACHE_POINTS);
    let pinned: ReadonlySet<string> = new Set();
    const show = (wanted: TileEntry[]) => {
      pinned = new Set(wanted.map(tileKey));
      for (const t of wanted) if (!cache.get(tileKey(t))) cache.set(tileKey(t), { points: t.points }, pinned);
      const pinnedPoints = wanted.reduce((s, t) => s + t.points, 0);
      expect(cache.points).toBeLessThanOrEqual(TILE_CACHE_POINTS + pinnedPoints);
    };
    const path = [...views()];
    for (const v of path) show(index.inView(v.viewport, v.level));
    for (const v of path.reverse()) show(index.inView(v.viewport, v.level));
    expect(cache.evicted).toBeGreaterThan(0);
  });

  it('draws a moving frame of the busiest view within the frame budget, and every point once still', () => {
    let busiest: TileEntry[] = [];
    for (const { viewport, level } of views()) {
      const wanted = index.inView(viewport, level);
      if (wanted.reduce((s, t) => s + t.points, 0) > busiest.reduce((s, t) => s + t.points, 0)) busiest = wanted;
    }
    const points = busiest.reduce((s, t) => s + t.points, 0);
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(0);
    const plan = budget.plan(1, points, false);
    const drawn = busiest.reduce((s, t) => s + tileRowsDrawn(t.points, plan.dots), 0);
    expect(drawn).toBeLessThan(points / 16);
    // Each tile draws a prefix rounded up: at most one point a tile more than the stride's share.
    expect(drawn).toBeLessThanOrEqual(points / plan.dots + busiest.length);
    // The prior cost (0.8 us a dot, software WebGL) puts even the coarsest plan a hair over 33 ms here.
    expect(budget.predict(plan, points), `${points} points, every ${plan.dots}th`).toBeLessThanOrEqual(1.05 * 33);
    const still = budget.plan(1000, points, false);
    expect(busiest.reduce((s, t) => s + tileRowsDrawn(t.points, still.dots), 0)).toBe(points);
  });
});
