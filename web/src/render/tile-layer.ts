// The points of the loaded tiles as dot layers, one per tile: a tile's positions and colours never
// change while it is shown, so panning and zooming hand deck.gl the same attribute objects and no
// buffer is rebuilt; a tile that arrives adds one layer.

import type { DecodedTile } from '../api/tile-decode';
import { DotLayer } from './dot-layer';

const DEPTH_ALWAYS = { depthCompare: 'always' } as const;

type PointData = { length: number; attributes: Record<string, unknown> };

const dataOf = new WeakMap<DecodedTile, { colors: Uint8Array; data: PointData }>();

/** deck.gl's binary data of a tile with `colors`, the same object for the same tile and colours. */
export function tileData(tile: DecodedTile, colors: Uint8Array): PointData {
  const found = dataOf.get(tile);
  if (found && found.colors === colors) return found.data;
  const data = {
    length: tile.points,
    attributes: {
      getPosition: { value: tile.positions, size: 3 },
      getColor: { value: colors, size: 4, normalized: true },
    },
  };
  dataOf.set(tile, { colors, data });
  return data;
}

/** Dot radius in CSS pixels for `shown` points on screen: smaller when many overlap, larger zoomed in. */
export function tileDotRadius(shown: number): number {
  return shown > 400_000 ? 1 : shown > 150_000 ? 1.3 : shown > 50_000 ? 1.8 : 2.5;
}

export function tileLayers(tiles: readonly DecodedTile[], colorsOf: (tile: DecodedTile) => Uint8Array, radius: number): DotLayer[] {
  return tiles.map((tile) => new DotLayer({
    id: `tile-${tile.key}`,
    data: tileData(tile, colorsOf(tile)),
    radiusPixels: radius,
    pickable: false,
    parameters: DEPTH_ALWAYS,
  } as never));
}
