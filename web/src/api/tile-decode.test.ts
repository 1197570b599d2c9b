import { describe, expect, it } from 'vitest';
import { Dictionary, Float64, Int32, Utf8, makeData, makeVector, tableToIPC, Table, vectorFromArray } from 'apache-arrow';
import { decodeTile } from './tile-decode';
import { parseTileSet } from './tile-set';

const set = parseTileSet({
  format: 'projector-tiles', version: 1, points: 3, dims: 2, tilePoints: 10, seed: 1, bounds: { minX: 0, minY: 10, side: 4 }, levels: 1,
  columns: [{ name: 'x', type: 'float32' }, { name: 'y', type: 'float32' }, { name: 'id', type: 'uint32' }, { name: 'label', type: 'dictionary', values: ['a', 'b', 'c'] }, { name: 'score', type: 'float64' }, { name: 'text', type: 'utf8' }],
  tiles: [[0, 0, 0, 3]],
}, 'tiles.json');

function tileBytes(): Uint8Array {
  const dictionary = vectorFromArray(['a', 'b', 'c'], new Utf8());
  const label = makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: 3, nullCount: 1, nullBitmap: new Uint8Array([0b101]), data: new Int32Array([2, 0, 1]), dictionary }));
  const table = new Table({
    x: makeVector(new Float32Array([0, 2, 4])),
    y: makeVector(new Float32Array([10, 12, 14])),
    id: makeVector(new Uint32Array([7, 3, 9])),
    label,
    score: vectorFromArray([1.5, null, 3], new Float64()),
    text: vectorFromArray(['p', 'q', null], new Utf8()),
  });
  return tableToIPC(table, 'file');
}

describe('decodeTile', () => {
  it('reads positions into the world square, ids and columns', () => {
    const bytes = tileBytes();
    const tile = decodeTile(bytes.slice().buffer, set, set.tiles[0], '0/0/0.arrow');
    expect(Array.from(tile.positions)).toEqual([-1, -1, 0, 0, 0, 0, 1, 1, 0]);
    expect(Array.from(tile.ids)).toEqual([7, 3, 9]);
    expect(tile.columns.label).toEqual({ type: 'dictionary', codes: new Int32Array([2, -1, 1]) });
    expect(tile.columns.score.type).toBe('float64');
    expect(Array.from((tile.columns.score as { values: Float64Array }).values)).toEqual([1.5, Number.NaN, 3]);
    expect(tile.columns.text).toEqual({ type: 'utf8', values: ['p', 'q', null] });
  });

  it('names the file in one line when the tile is truncated or does not match', () => {
    const bytes = tileBytes();
    expect(() => decodeTile(bytes.slice(0, bytes.length / 2).buffer, set, set.tiles[0], 'tiles/0/0/0.arrow')).toThrow(/^tiles\/0\/0\/0\.arrow: [^\n]*$/);
    expect(() => decodeTile(bytes.slice().buffer, set, { ...set.tiles[0], points: 4 }, 'tiles/0/0/0.arrow')).toThrow('holds 3 points but tiles.json says 4');
  });
});
