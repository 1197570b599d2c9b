// Fetches and decodes tiles off the page's main thread: Arrow decoding of a 50,000-point tile takes
// milliseconds that would otherwise land in the middle of a pan. Buffers go back transferred.

import { decodeTile, transferables, type DecodedTile } from './tile-decode';
import type { TileEntry, TileSetInfo } from './tile-set';

export type TileWorkerRequest = { type: 'set'; set: TileSetInfo } | { type: 'load'; id: number; url: string; file: string; tile: TileEntry };
export type TileWorkerMessage = { type: 'tile'; id: number; tile: DecodedTile } | { type: 'error'; id: number; message: string };

let set: TileSetInfo | null = null;
const post = (message: TileWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<TileWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'set') set = request.set;
  else void load(request);
};

async function load(request: Extract<TileWorkerRequest, { type: 'load' }>): Promise<void> {
  try {
    const response = await fetch(request.url);
    if (!response.ok) throw new Error(`${request.file}: could not be read (HTTP ${response.status}).`);
    const tile = decodeTile(await response.arrayBuffer(), set!, request.tile, request.file);
    post({ type: 'tile', id: request.id, tile }, transferables(tile));
  } catch (error) {
    post({ type: 'error', id: request.id, message: (error as Error).message });
  }
}
