// A tile set's `tiles.json` (docs/api.md, "Tile sets"), written by `projector export --format tiles`:
// parsed and checked here, and the pure arithmetic of which tiles a view needs. The page's world
// coordinates put the root tile at [-1, 1] x [-1, 1], the square the 2-D camera fits.

export type TileColumnType = 'float32' | 'uint32' | 'float64' | 'utf8' | 'dictionary';

export interface TileColumn {
  name: string;
  type: TileColumnType;
  /** The dictionary of a `dictionary` column, the same in every tile. */
  values?: string[];
  min?: number;
  max?: number;
}

export interface TileEntry {
  level: number;
  x: number;
  y: number;
  points: number;
}

export interface TileSetInfo {
  name: string;
  layout: string | null;
  points: number;
  dims: 2 | 3;
  tilePoints: number;
  bounds: { minX: number; minY: number; side: number };
  levels: number;
  columns: TileColumn[];
  tiles: TileEntry[];
}

const TYPES: readonly string[] = ['float32', 'uint32', 'float64', 'utf8', 'dictionary'];

/** Reads `tiles.json`; anything malformed is one error naming `file`. */
export function parseTileSet(json: unknown, file: string): TileSetInfo {
  const bad = (what: string) => new Error(`${file}: ${what}; export the tile set again with \`projector export INPUT --format tiles\`.`);
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== 'projector-tiles') throw bad('is not a tile set description (no "format": "projector-tiles")');
  const o = json as Record<string, unknown>;
  if (o.version !== 1) throw bad(`is tile set format version ${String(o.version)}; this page reads version 1`);
  const int = (v: unknown, name: string, min = 0) => {
    if (!Number.isInteger(v) || (v as number) < min) throw bad(`has no valid "${name}"`);
    return v as number;
  };
  const b = o.bounds as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null || ![b.minX, b.minY, b.side].every((v) => typeof v === 'number' && Number.isFinite(v)) || !((b.side as number) > 0)) throw bad('has no valid "bounds"');
  const dims = int(o.dims, 'dims', 2);
  if (dims !== 2 && dims !== 3) throw bad('has "dims" other than 2 or 3');
  const levels = int(o.levels, 'levels');
  const tilePoints = int(o.tilePoints, 'tilePoints', 1);
  if (!Array.isArray(o.columns)) throw bad('has no "columns" list');
  const columns: TileColumn[] = o.columns.map((c: unknown) => {
    const x = c as Record<string, unknown>;
    if (typeof x !== 'object' || x === null || typeof x.name !== 'string' || !TYPES.includes(x.type as string)) throw bad('has a column without a name or a known type');
    const column: TileColumn = { name: x.name, type: x.type as TileColumnType };
    if (column.type === 'dictionary') {
      if (!Array.isArray(x.values)) throw bad(`gives dictionary column '${x.name}' no values`);
      column.values = x.values.map(String);
    }
    if (typeof x.min === 'number') column.min = x.min;
    if (typeof x.max === 'number') column.max = x.max;
    return column;
  });
  if (!Array.isArray(o.tiles)) throw bad('has no "tiles" list');
  let sum = 0;
  const tiles: TileEntry[] = o.tiles.map((t: unknown) => {
    if (!Array.isArray(t) || t.length !== 4 || !t.every((v) => Number.isInteger(v))) throw bad('has a tile entry that is not [level, x, y, points]');
    const [level, x, y, points] = t as number[];
    if (level < 0 || level >= levels || x < 0 || y < 0 || x >= 2 ** level || y >= 2 ** level || points < 1 || points > tilePoints) throw bad(`lists tile ${level}/${x}/${y} outside the quadtree or the tile size`);
    sum += points;
    return { level, x, y, points };
  });
  const points = int(o.points, 'points');
  if (sum !== points) throw bad(`lists tiles holding ${sum} points in all, but says points = ${points}`);
  return {
    name: typeof o.name === 'string' ? o.name : '',
    layout: typeof o.layout === 'string' ? o.layout : null,
    points, dims, tilePoints, levels, columns, tiles,
    bounds: { minX: b.minX as number, minY: b.minY as number, side: b.side as number },
  };
}

export function tileKey(t: { level: number; x: number; y: number }): string {
  return `${t.level}/${t.x}/${t.y}`;
}

/** A tile's square in world coordinates: [minX, minY, maxX, maxY]. */
export function tileWorldBounds(t: { level: number; x: number; y: number }): [number, number, number, number] {
  const side = 2 / 2 ** t.level;
  return [-1 + t.x * side, -1 + t.y * side, -1 + (t.x + 1) * side, -1 + (t.y + 1) * side];
}

/** Side in screen pixels at which a level's tiles are refined into the next level. */
export const TILE_PIXELS = 1024;

/**
 * The finest level worth loading at deck.gl zoom `zoom` (a world unit is 2^zoom pixels): the root tile
 * spans 2^(zoom + 1) pixels, and a level's tiles are loaded once they would span more than TILE_PIXELS.
 */
export function levelForZoom(zoom: number, levels: number): number {
  const level = Math.ceil(zoom + 1 - Math.log2(TILE_PIXELS));
  return Math.max(0, Math.min(levels - 1, level));
}

/**
 * The tiles a view of `viewport` (world [minX, minY, maxX, maxY]) needs at `level`: every existing tile
 * of that level or coarser that intersects it, coarse first. Each point lives in one tile, so the
 * coarser tiles are part of the picture, not a stand-in for it.
 */
export function tilesInView(tiles: readonly TileEntry[] | TileIndex, viewport: readonly [number, number, number, number], level: number): TileEntry[] {
  if (tiles instanceof TileIndex) return tiles.inView(viewport, level);
  return tiles
    .filter((t) => t.level <= level && intersects(t, viewport))
    .sort((a, b) => a.level - b.level || a.x - b.x || a.y - b.y);
}

/**
 * A tile set's tiles by level and position, so that a camera move looks up the few cells under the
 * viewport on each level instead of testing every tile: a 100-million-point set has thousands of
 * tiles and the lookup runs on every frame of a pan.
 */
export class TileIndex {
  private readonly levels: Map<number, TileEntry>[] = [];

  constructor(tiles: readonly TileEntry[]) {
    for (const t of tiles) {
      while (this.levels.length <= t.level) this.levels.push(new Map());
      this.levels[t.level].set(t.x * 2 ** t.level + t.y, t);
    }
  }

  /** Tiles on `level`. */
  count(level: number): number {
    return this.levels[level]?.size ?? 0;
  }

  /** The same tiles as `tilesInView` over the whole list, in the same order. */
  inView(viewport: readonly [number, number, number, number], level: number): TileEntry[] {
    const [vx0, vy0, vx1, vy1] = viewport;
    const out: TileEntry[] = [];
    for (let l = 0; l <= level && l < this.levels.length; l++) {
      const tiles = this.levels[l];
      const n = 2 ** l;
      const side = 2 / n;
      // The cells under the viewport and one more each side (edges count as inside), tested exactly below.
      const cell = (v: number) => Math.floor((v + 1) / side);
      const x0 = Math.max(0, cell(vx0) - 1);
      const y0 = Math.max(0, cell(vy0) - 1);
      const x1 = Math.min(n - 1, cell(vx1) + 1);
      const y1 = Math.min(n - 1, cell(vy1) + 1);
      const found: TileEntry[] = [];
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > tiles.size) {
        for (const t of tiles.values()) if (intersects(t, viewport)) found.push(t);
      } else {
        for (let x = x0; x <= x1; x++) {
          for (let y = y0; y <= y1; y++) {
            const t = tiles.get(x * n + y);
            if (t && intersects(t, viewport)) found.push(t);
          }
        }
      }
      found.sort((a, b) => a.x - b.x || a.y - b.y);
      out.push(...found);
    }
    return out;
  }
}

function intersects(t: TileEntry, viewport: readonly [number, number, number, number]): boolean {
  const [x0, y0, x1, y1] = tileWorldBounds(t);
  return x0 <= viewport[2] && x1 >= viewport[0] && y0 <= viewport[3] && y1 >= viewport[1];
}
