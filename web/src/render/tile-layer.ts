// The points of the loaded tiles as dot layers, one per tile: a tile's positions and colours never
// change while it is shown, so panning and zooming hand deck.gl the same attribute objects and no
// buffer is rebuilt; a tile that arrives adds one layer. While the view moves a tile draws only the
// first rows of its buffers: a tile's rows are in a seeded random order (the export's quadtree keeps
// the shuffled order in every tile), so any prefix is a uniform sample of the tile, and drawing a
// prefix is the same attribute objects with a shorter length: nothing is copied or uploaded.

import type { DecodedTile } from '../api/tile-decode';
import { DotLayer } from './dot-layer';

const DEPTH_ALWAYS = { depthCompare: 'always' } as const;

type PointData = { length: number; attributes: Record<string, unknown> };

const dataOf = new WeakMap<DecodedTile, { colors: Uint8Array; byLength: Map<number, PointData> }>();

/** Rows of a `points`-row tile drawn under a plan drawing every `stride`-th point: a prefix as long. */
export function tileRowsDrawn(points: number, stride: number): number {
  return stride <= 1 ? points : Math.ceil(points / stride);
}

/**
 * deck.gl's binary data of the first `rows` rows of a tile with `colors` (all of them by default), the
 * same object for the same tile, colours and length, sharing its attribute objects across lengths.
 */
export function tileData(tile: DecodedTile, colors: Uint8Array, rows = tile.points): PointData {
  let found = dataOf.get(tile);
  if (!found || found.colors !== colors) {
    found = { colors, byLength: new Map() };
    found.byLength.set(tile.points, {
      length: tile.points,
      attributes: {
        getPosition: { value: tile.positions, size: 3 },
        getColor: { value: colors, size: 4, normalized: true },
      },
    });
    dataOf.set(tile, found);
  }
  const length = Math.max(0, Math.min(tile.points, rows));
  let data = found.byLength.get(length);
  if (!data) {
    data = { length, attributes: found.byLength.get(tile.points)!.attributes };
    found.byLength.set(length, data);
  }
  return data;
}

/** Dot radius in CSS pixels for `shown` points on screen: smaller when many overlap, larger zoomed in. */
export function tileDotRadius(shown: number): number {
  return shown > 400_000 ? 1 : shown > 150_000 ? 1.3 : shown > 50_000 ? 1.8 : 2.5;
}

/** One dot layer a tile, each drawing the prefix a plan of every `stride`-th point asks for (1: all). */
export function tileLayers(tiles: readonly DecodedTile[], colorsOf: (tile: DecodedTile) => Uint8Array, radius: number, stride = 1): DotLayer[] {
  return tiles.map((tile) => new DotLayer({
    id: `tile-${tile.key}`,
    data: tileData(tile, colorsOf(tile), tileRowsDrawn(tile.points, stride)),
    radiusPixels: radius,
    pickable: false,
    parameters: DEPTH_ALWAYS,
  } as never));
}
