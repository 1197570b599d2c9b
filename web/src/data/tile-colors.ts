// Colours of a tile's points by a carried column: a dictionary column by category (the set's shared
// dictionary, so a category has one colour in every tile), a number column on the gradient from the
// set's min to max, anything else one colour.

import type { TileValues } from '../api/tile-decode';
import type { TileColumn } from '../api/tile-set';
import { categoricalColor, DEFAULT_COLOR, gradientColor, MISSING_COLOR, OTHER_COLOR, PALETTE_SIZE, type Rgb } from './palette';

/** RGBA per point (4 bytes each). */
export function tileColors(points: number, column: TileColumn | null, values: TileValues | undefined): Uint8Array {
  const out = new Uint8Array(points * 4);
  const put = (i: number, [r, g, b]: Rgb) => {
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  };
  if (column && values?.type === 'dictionary') {
    const colors = Array.from({ length: Math.min(PALETTE_SIZE, column.values?.length ?? 0) }, (_, i) => categoricalColor(i));
    for (let i = 0; i < points; i++) {
      const code = values.codes[i];
      put(i, code < 0 ? MISSING_COLOR : code < colors.length ? colors[code] : OTHER_COLOR);
    }
  } else if (column && values?.type === 'float64') {
    const min = column.min ?? 0;
    const span = (column.max ?? 1) - min || 1;
    for (let i = 0; i < points; i++) put(i, gradientColor((values.values[i] - min) / span));
  } else {
    for (let i = 0; i < points; i++) put(i, DEFAULT_COLOR);
  }
  return out;
}

/** The columns the page can colour by: dictionary and number columns. */
export function colourableColumns(columns: readonly TileColumn[]): TileColumn[] {
  return columns.filter((c) => c.type === 'dictionary' || (c.type === 'float64' && c.name !== 'x' && c.name !== 'y'));
}
