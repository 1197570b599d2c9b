// The sprite sheet as deck.gl's icon atlas: tile i of a row-major grid is the image of point i.

import type { SpriteInfo } from '../api/contract';

export interface IconFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  mask: boolean;
}

/** Icon mapping keyed by the dataset row; tiles beyond the sheet are left out (drawn as nothing). */
export function spriteMapping(info: SpriteInfo, points: number): Record<string, IconFrame> {
  const columns = Math.max(1, Math.floor(info.width / info.tileWidth));
  const rows = Math.max(1, Math.floor(info.height / info.tileHeight));
  const count = Math.min(points, columns * rows);
  const mapping: Record<string, IconFrame> = {};
  for (let i = 0; i < count; i++) {
    mapping[i] = {
      x: (i % columns) * info.tileWidth,
      y: Math.floor(i / columns) * info.tileHeight,
      width: info.tileWidth,
      height: info.tileHeight,
      mask: false,
    };
  }
  return mapping;
}
