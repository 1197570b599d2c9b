// A tile set read over HTTP (`projector serve --tiles DIR`, or any static host): `tiles.json`, then the
// tiles a view asks for, fetched and decoded in a worker, a few at a time, kept in a bounded LRU cache.

import { decodeTile, type DecodedTile } from './tile-decode';
import { TileCache, TILE_CACHE_POINTS } from './tile-cache';
import { parseTileSet, tileKey, type TileEntry, type TileSetInfo } from './tile-set';
import type { TileWorkerMessage, TileWorkerRequest } from './tile-worker';

/** Tile requests in flight at once: enough to fill a view quickly without queueing the browser's connections. */
const IN_FLIGHT = 6;

export interface TileStats {
  requested: number;
  loaded: number;
  failed: number;
  evicted: number;
  cachedPoints: number;
}

export class TileSource {
  private readonly cache = new TileCache<DecodedTile>(TILE_CACHE_POINTS);
  private readonly loading = new Set<string>();
  private readonly failed = new Map<string, string>();
  private readonly queue: TileEntry[] = [];
  private readonly waiting = new Map<number, { key: string; resolve: (t: DecodedTile) => void; reject: (e: Error) => void }>();
  private readonly worker: Worker | null;
  private pinned: ReadonlySet<string> = new Set();
  private nextId = 0;
  private requested = 0;
  private loaded = 0;
  /** Called when a tile arrives or fails (with the one-line message). */
  onChange: (error: string | null) => void = () => {};

  private constructor(readonly base: URL, readonly info: TileSetInfo) {
    this.worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./tile-worker.ts', import.meta.url), { type: 'module', name: 'tiles' });
    if (this.worker) {
      this.worker.onmessage = (event: MessageEvent<TileWorkerMessage>) => {
        const m = event.data;
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.type === 'tile') w.resolve(m.tile);
        else w.reject(new Error(m.message));
      };
      this.send({ type: 'set', set: info });
    }
  }

  /** Reads the tile set whose `tiles.json` is at `url` (or in the folder `url` names). */
  static async open(url: URL): Promise<TileSource> {
    const file = url.pathname.endsWith('.json') ? url : new URL('tiles.json', url.href.endsWith('/') ? url : new URL(`${url.href}/`));
    const name = displayName(file);
    let response: Response;
    try {
      response = await fetch(file, { headers: { Accept: 'application/json' } });
    } catch (error) {
      throw new Error(`${name}: could not be fetched (${(error as Error).message}).`);
    }
    if (!response.ok) throw new Error(`${name}: could not be read (HTTP ${response.status}); give the address of a tile set written by \`projector export INPUT --format tiles\`.`);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new Error(`${name}: is not valid JSON (truncated or damaged); export the tile set again with \`projector export INPUT --format tiles\`.`);
    }
    return new TileSource(new URL('./', file), parseTileSet(json, name));
  }

  get stats(): TileStats {
    return { requested: this.requested, loaded: this.loaded, failed: this.failed.size, evicted: this.cache.evicted, cachedPoints: this.cache.points };
  }

  /**
   * The tiles of `wanted` already held, in its order; the others are queued (coarse first) and
   * `onChange` fires as each arrives. Tiles no longer wanted leave the queue.
   */
  want(wanted: readonly TileEntry[]): DecodedTile[] {
    this.pinned = new Set(wanted.map(tileKey));
    const held: DecodedTile[] = [];
    this.queue.length = 0;
    for (const t of wanted) {
      const key = tileKey(t);
      const tile = this.cache.get(key);
      if (tile) held.push(tile);
      else if (!this.loading.has(key) && !this.failed.has(key)) this.queue.push(t);
    }
    this.pump();
    return held;
  }

  private pump(): void {
    while (this.loading.size < IN_FLIGHT && this.queue.length > 0) {
      const t = this.queue.shift()!;
      const key = tileKey(t);
      this.loading.add(key);
      this.requested++;
      this.load(t)
        .then((tile) => {
          this.loaded++;
          this.cache.set(key, tile, this.pinned);
          this.onChange(null);
        })
        .catch((error: Error) => {
          this.failed.set(key, error.message);
          this.onChange(error.message);
        })
        .finally(() => {
          this.loading.delete(key);
          this.pump();
        });
    }
  }

  private load(t: TileEntry): Promise<DecodedTile> {
    const url = new URL(`${t.level}/${t.x}/${t.y}.arrow`, this.base);
    const file = displayName(url);
    if (!this.worker) {
      return fetch(url).then(async (response) => {
        if (!response.ok) throw new Error(`${file}: could not be read (HTTP ${response.status}).`);
        return decodeTile(await response.arrayBuffer(), this.info, t, file);
      });
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { key: tileKey(t), resolve, reject });
      this.send({ type: 'load', id, url: url.href, file, tile: t });
    });
  }

  private send(request: TileWorkerRequest): void {
    this.worker!.postMessage(request);
  }
}

/** A file's address as a person reads it: the path on this site, or the whole URL elsewhere. */
function displayName(url: URL): string {
  return url.origin === location.origin ? decodeURIComponent(url.pathname) : url.href;
}
