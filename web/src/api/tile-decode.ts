// Decodes one tile (an Arrow IPC file written by `projector export --format tiles`) into the typed
// arrays the dot layer draws from: positions in the page's world square, row ids and per-column values.
// Runs in the tile worker, so a 50,000-point tile is decoded off the page's main thread.

import { tableFromIPC, type Vector } from 'apache-arrow';
import type { TileEntry, TileSetInfo } from './tile-set';

export type TileValues =
  | { type: 'dictionary'; codes: Int32Array }
  | { type: 'float64'; values: Float64Array }
  | { type: 'utf8'; values: (string | null)[] };

export interface DecodedTile {
  key: string;
  points: number;
  /** x, y, z per point in world coordinates (the root tile is [-1, 1]^2; z is 0 in 2-D). */
  positions: Float32Array;
  ids: Uint32Array;
  columns: Record<string, TileValues>;
}

/** The transferable buffers of a decoded tile, for postMessage. */
export function transferables(tile: DecodedTile): ArrayBuffer[] {
  const out: ArrayBuffer[] = [tile.positions.buffer as ArrayBuffer, tile.ids.buffer as ArrayBuffer];
  for (const c of Object.values(tile.columns)) {
    if (c.type === 'dictionary') out.push(c.codes.buffer as ArrayBuffer);
    else if (c.type === 'float64') out.push(c.values.buffer as ArrayBuffer);
  }
  return out;
}

export function decodeTile(bytes: ArrayBuffer, set: TileSetInfo, tile: TileEntry, file: string): DecodedTile {
  const bad = (what: string) => new Error(`${file}: ${what}; export the tile set again with \`projector export INPUT --format tiles\`.`);
  let table;
  try {
    table = tableFromIPC(new Uint8Array(bytes));
  } catch (error) {
    throw bad(`is not a readable Arrow IPC file (${String((error as Error).message ?? error).split('\n')[0]})`);
  }
  const n = table.numRows;
  if (n !== tile.points) throw bad(`holds ${n} points but tiles.json says ${tile.points}`);
  const axis = (name: string): Vector | null => table.getChild(name);
  const x = axis('x');
  const y = axis('y');
  const z = set.dims === 3 ? axis('z') : null;
  const id = axis('id');
  if (!x || !y || !id || (set.dims === 3 && !z)) throw bad('lacks one of the fields x, y, id');
  const { minX, minY, side } = set.bounds;
  const scale = 2 / side;
  const positions = new Float32Array(n * 3);
  const xs = x.toArray() as Float32Array;
  const ys = y.toArray() as Float32Array;
  const zs = z ? (z.toArray() as Float32Array) : null;
  for (let i = 0; i < n; i++) {
    positions[i * 3] = (xs[i] - minX) * scale - 1;
    positions[i * 3 + 1] = (ys[i] - minY) * scale - 1;
    positions[i * 3 + 2] = zs ? (zs[i] - minX) * scale - 1 : 0;
  }
  const ids = Uint32Array.from(id.toArray() as Uint32Array);
  const columns: Record<string, TileValues> = {};
  for (const c of set.columns) {
    if (c.type === 'float32' || c.type === 'uint32') continue;
    const v = table.getChild(c.name);
    if (!v) throw bad(`has no field '${c.name}', which tiles.json lists`);
    if (c.type === 'dictionary') columns[c.name] = { type: 'dictionary', codes: dictionaryCodes(v, c.values ?? [], n) };
    else if (c.type === 'float64') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const value = v.get(i) as number | null;
        values[i] = value === null ? Number.NaN : value;
      }
      columns[c.name] = { type: 'float64', values };
    } else {
      const values: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = (v.get(i) as string | null) ?? null;
      columns[c.name] = { type: 'utf8', values };
    }
  }
  return { key: `${tile.level}/${tile.x}/${tile.y}`, points: n, positions, ids, columns };
}

/** Codes into the set's dictionary (-1 where missing), remapped by value should a tile's own dictionary differ. */
function dictionaryCodes(vector: Vector, values: readonly string[], n: number): Int32Array {
  const index = new Map(values.map((v, i) => [v, i]));
  const codes = new Int32Array(n);
  let row = 0;
  for (const data of vector.data) {
    const dictionary = data.dictionary;
    const own = dictionary ? Array.from({ length: dictionary.length }, (_, i) => index.get(String(dictionary.get(i))) ?? -1) : [];
    const raw = data.values as ArrayLike<number>;
    for (let i = 0; i < data.length; i++, row++) {
      codes[row] = data.getValid(i) ? (own[raw[i]] ?? -1) : -1;
    }
  }
  return codes;
}
