import { describe, expect, it } from 'vitest';
import { levelForZoom, parseTileSet, tilesInView, tileWorldBounds } from './tile-set';

const good = {
  format: 'projector-tiles', version: 1, name: 'd', layout: 'tsne', points: 30, dims: 2, tilePoints: 10, seed: 42,
  bounds: { minX: -5, minY: 0, side: 10 }, levels: 2,
  columns: [{ name: 'x', type: 'float32' }, { name: 'y', type: 'float32' }, { name: 'id', type: 'uint32' }, { name: 'label', type: 'dictionary', values: ['a', 'b'] }, { name: 's', type: 'float64', min: 1, max: 2 }],
  tiles: [[0, 0, 0, 10], [1, 0, 0, 10], [1, 1, 1, 10]],
};

describe('parseTileSet', () => {
  it('reads the description', () => {
    const set = parseTileSet(good, 'tiles.json');
    expect(set.points).toBe(30);
    expect(set.tiles[2]).toEqual({ level: 1, x: 1, y: 1, points: 10 });
    expect(set.columns[3].values).toEqual(['a', 'b']);
    expect(set.columns[4]).toEqual({ name: 's', type: 'float64', min: 1, max: 2 });
  });

  it('names the file in one line for anything malformed', () => {
    const cases: [unknown, string][] = [
      [null, 'not a tile set'],
      [{ ...good, version: 2 }, 'version 2'],
      [{ ...good, bounds: { minX: 0, minY: 0, side: 0 } }, 'bounds'],
      [{ ...good, points: 31 }, '30 points in all'],
      [{ ...good, tiles: [[0, 0, 0, 11], [1, 0, 0, 10], [1, 1, 1, 9]] }, 'outside the quadtree or the tile size'],
      [{ ...good, tiles: [[2, 0, 0, 30]] }, 'outside'],
      [{ ...good, columns: [{ name: 'x', type: 'int8' }] }, 'known type'],
    ];
    for (const [json, message] of cases) {
      expect(() => parseTileSet(json, 'data/tiles.json')).toThrow(message);
      expect(() => parseTileSet(json, 'data/tiles.json')).toThrow(/^data\/tiles\.json: [^\n]*$/);
    }
  });
});

describe('tile selection', () => {
  it('maps the root to [-1, 1] and halves the side per level', () => {
    expect(tileWorldBounds({ level: 0, x: 0, y: 0 })).toEqual([-1, -1, 1, 1]);
    expect(tileWorldBounds({ level: 2, x: 3, y: 1 })).toEqual([0.5, -0.5, 1, 0]);
  });

  it('loads finer levels as the camera zooms in, up to the deepest', () => {
    expect(levelForZoom(8, 5)).toBe(0);
    expect(levelForZoom(9.5, 5)).toBe(1);
    expect(levelForZoom(11, 5)).toBe(2);
    expect(levelForZoom(40, 5)).toBe(4);
    expect(levelForZoom(-3, 5)).toBe(0);
  });

  it('takes the tiles of the level and coarser that meet the viewport', () => {
    const set = parseTileSet(good, 'tiles.json');
    const keys = (v: [number, number, number, number], level: number) => tilesInView(set.tiles, v, level).map((t) => `${t.level}/${t.x}/${t.y}`);
    expect(keys([-1, -1, 1, 1], 0)).toEqual(['0/0/0']);
    expect(keys([-1, -1, 1, 1], 1)).toEqual(['0/0/0', '1/0/0', '1/1/1']);
    expect(keys([0.2, 0.2, 0.4, 0.4], 1)).toEqual(['0/0/0', '1/1/1']);
    expect(keys([-0.9, -0.9, -0.5, -0.5], 1)).toEqual(['0/0/0', '1/0/0']);
  });
});
