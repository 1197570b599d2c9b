// The tiles the page holds: least recently used first out once their points pass a bound, except the
// tiles the current view needs (pinned), so panning back and forth reuses tiles without unbounded memory.

/** Points held at most (about 100 MB of positions, colours, ids and two columns), besides the pinned tiles. */
export const TILE_CACHE_POINTS = 3_000_000;

export class TileCache<T extends { points: number }> {
  private readonly entries = new Map<string, T>();
  private held = 0;
  evicted = 0;

  constructor(private readonly maxPoints = TILE_CACHE_POINTS) {}

  get points(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The tile, now the most recently used. */
  get(key: string): T | undefined {
    const tile = this.entries.get(key);
    if (tile !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, tile);
    }
    return tile;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Adds a tile, then drops the least recently used unpinned tiles until the points fit the bound. */
  set(key: string, tile: T, pinned: ReadonlySet<string>): void {
    const old = this.entries.get(key);
    if (old) this.held -= old.points;
    this.entries.delete(key);
    this.entries.set(key, tile);
    this.held += tile.points;
    for (const [k, t] of this.entries) {
      if (this.held <= this.maxPoints) break;
      if (pinned.has(k) || k === key) continue;
      this.entries.delete(k);
      this.held -= t.points;
      this.evicted++;
    }
  }
}
