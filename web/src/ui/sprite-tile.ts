// One point's tile of the sprite sheet as a CSS background: the sheet scaled so the tile is `size`
// pixels on its longer side, shifted to the tile. Tiles run row by row, as the sprite layer reads them.

import type { SpriteInfo } from '../api/contract';

/** The style that shows dataset row `row`'s tile; null when the sheet has no tile for it. */
export function spriteTileStyle(info: SpriteInfo, url: string, row: number, size: number): string | null {
  const columns = Math.max(1, Math.floor(info.width / info.tileWidth));
  const rows = Math.max(1, Math.floor(info.height / info.tileHeight));
  if (row < 0 || row >= columns * rows) return null;
  const scale = size / Math.max(info.tileWidth, info.tileHeight);
  const x = (row % columns) * info.tileWidth * scale;
  const y = Math.floor(row / columns) * info.tileHeight * scale;
  return `width: ${info.tileWidth * scale}px; height: ${info.tileHeight * scale}px; background-image: url("${url}"); `
    + `background-size: ${info.width * scale}px ${info.height * scale}px; background-position: -${x}px -${y}px;`;
}
