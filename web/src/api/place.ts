// Placing new items into a finished layout (`POST /api/projections/{id}/place`): what the page sends
// for the files the user picked, and the answer decoded into positions and neighbour lists.

import type { Neighbor, PlaceAnswer } from './contract';

/** The body of a place request and the query it goes with. */
export interface PlaceRequest {
  query: URLSearchParams;
  /** A FormData of `image` files, or the bytes of float32 rows. */
  body: FormData | Blob;
  /** Set for raw rows; a FormData's type (with its boundary) is left to the browser. */
  contentType: string | null;
}

/** New items placed: N x dims positions in the layout's own coordinates, and each one's neighbours. */
export interface Placed {
  points: number;
  dims: number;
  positions: Float32Array;
  neighbors: Neighbor[][];
  embedded: boolean;
}

/** Files ending in these are rows of float32 values; anything else is sent as an image. */
const ROW_FILE = /\.(f32|bin)$/i;

/**
 * The request for `files`: images go as multipart `image` parts; one .f32/.bin file goes as float32
 * rows of `dims` values (the dataset's width). Throws a sentence naming the file when they do not fit.
 */
export function placeRequest(files: readonly File[], dims: number, k: number | null = null): PlaceRequest {
  if (files.length === 0) throw new Error('Pick image files, or one .f32/.bin file of float32 rows, to place.');
  const query = new URLSearchParams();
  if (k !== null) query.set('k', String(k));
  const rows = files.filter((f) => ROW_FILE.test(f.name));
  if (rows.length === 0) {
    const form = new FormData();
    for (const f of files) form.append('image', f, f.name);
    return { query, body: form, contentType: null };
  }
  if (files.length > 1) throw new Error(`${rows[0].name} holds float32 rows: place it on its own, not together with other files.`);
  const file = rows[0];
  const rowBytes = dims * 4;
  if (file.size === 0 || file.size % rowBytes !== 0) {
    throw new Error(`${file.name} has ${file.size} bytes, not a whole number of rows of ${dims} float32 values (${rowBytes} bytes each); write the rows as little-endian float32 with the dataset's ${dims} values each.`);
  }
  query.set('dims', String(dims));
  return { query, body: file, contentType: 'application/octet-stream' };
}

/** Decodes the answer's base64 positions (float32, little-endian) and checks them against its counts. */
export function decodePlaced(answer: PlaceAnswer): Placed {
  const binary = atob(answer.positions);
  const expected = answer.points * answer.dimensions * 4;
  if (binary.length !== expected) {
    throw new Error(`The server placed ${answer.points} items in ${answer.dimensions} dimensions but sent ${binary.length} bytes of positions, not ${expected}.`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const positions = new Float32Array(answer.points * answer.dimensions);
  for (let i = 0; i < positions.length; i++) positions[i] = view.getFloat32(i * 4, true);
  return { points: answer.points, dims: answer.dimensions, positions, neighbors: answer.neighbors, embedded: answer.embedded };
}
