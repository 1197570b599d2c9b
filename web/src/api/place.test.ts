import { describe, expect, it } from 'vitest';
import type { PlaceAnswer } from './contract';
import { decodePlaced, placeRequest } from './place';

function base64(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return btoa(String.fromCharCode(...new Uint8Array(view.buffer)));
}

function answer(values: number[], points: number, dimensions: number): PlaceAnswer {
  return { points, dimensions, positions: base64(values), embedded: false, neighbors: [[{ index: 3, distance: 0 }], [{ index: 7, distance: 0.5 }]] };
}

describe('decodePlaced', () => {
  it('reads the base64 positions as little-endian float32, row after row', () => {
    const placed = decodePlaced(answer([1.5, -2, 1e-3, 40000.25], 2, 2));
    expect(Array.from(placed.positions)).toEqual([1.5, -2, Math.fround(1e-3), 40000.25]);
    expect(placed.points).toBe(2);
    expect(placed.dims).toBe(2);
    expect(placed.neighbors[1][0].index).toBe(7);
  });

  it('refuses positions that do not match the counts', () => {
    expect(() => decodePlaced(answer([1, 2, 3], 2, 2))).toThrow(/2 items in 2 dimensions but sent 12 bytes/);
  });
});

describe('placeRequest', () => {
  it('sends a .f32 file as float32 rows with the dataset width as dims', async () => {
    const rows = new File([new Float32Array([1, 2, 3, 4, 5, 6])], 'new.f32');
    const request = placeRequest([rows], 3, 5);
    expect(request.contentType).toBe('application/octet-stream');
    expect(request.query.get('dims')).toBe('3');
    expect(request.query.get('k')).toBe('5');
    expect(new Float32Array(await (request.body as Blob).arrayBuffer())).toEqual(new Float32Array([1, 2, 3, 4, 5, 6]));
  });

  it('refuses a rows file that is not whole rows, naming it and the row size', () => {
    const rows = new File([new Float32Array([1, 2, 3, 4])], 'odd.bin');
    expect(() => placeRequest([rows], 3)).toThrow(/odd\.bin has 16 bytes, not a whole number of rows of 3 float32 values \(12 bytes each\)/);
  });

  it('sends images as multipart image parts without dims or a content type', () => {
    const a = new File([new Uint8Array([0x89, 0x50])], 'a.png', { type: 'image/png' });
    const b = new File([new Uint8Array([0xff, 0xd8])], 'b.jpg', { type: 'image/jpeg' });
    const request = placeRequest([a, b], 3);
    expect(request.contentType).toBeNull();
    expect(request.query.has('dims')).toBe(false);
    const parts = (request.body as FormData).getAll('image') as File[];
    expect(parts.map((f) => f.name)).toEqual(['a.png', 'b.jpg']);
  });

  it('refuses rows mixed with images, and nothing at all', () => {
    const rows = new File([new Float32Array(3)], 'new.f32');
    const image = new File([new Uint8Array(2)], 'a.png');
    expect(() => placeRequest([image, rows], 3)).toThrow(/new\.f32 holds float32 rows/);
    expect(() => placeRequest([], 3)).toThrow(/Pick image files/);
  });
});
