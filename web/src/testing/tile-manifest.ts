// A tile set's tiles.json for any number of points without the points: the quadtree the export
// would cut from a mixture of 2-D Gaussian clusters (twelve, of different sizes and spreads, as the
// benchmarks' clustered layout), with each tile's count the mixture's mass in its square. A tile
// with more points below it than it holds keeps `tilePoints` and hands the rest to its children in
// proportion to their mass (the export's sample leans to sparse cells a little more, so real sets
// go slightly deeper in dense clusters). Lets tests check the page at 100 million points.

interface Cluster {
  x: number;
  y: number;
  spread: number;
  weight: number;
}

/** Twelve clusters on a golden-angle spiral, spreads 0.3-2.8 and weights 0.2-1.2 (fixed, no random stream). */
function clusters(): Cluster[] {
  return Array.from({ length: 12 }, (_, i) => {
    const angle = i * 2.399963;
    const r = 4 * Math.sqrt(i + 0.5);
    return { x: r * Math.cos(angle), y: r * Math.sin(angle), spread: 0.3 + ((i * 0.618034) % 1) * 2.5, weight: 0.2 + ((i * 0.414214) % 1) };
  });
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface SyntheticTileSet {
  format: 'projector-tiles';
  version: 1;
  name: string;
  layout: string;
  points: number;
  dims: 2;
  tilePoints: number;
  seed: number;
  bounds: { minX: number; minY: number; side: number };
  levels: number;
  columns: { name: string; type: string }[];
  tiles: [number, number, number, number][];
}

export function syntheticTileSet(points: number, tilePoints = 50_000): SyntheticTileSet {
  const cs = clusters();
  const total = cs.reduce((s, c) => s + c.weight, 0);
  const minX = Math.min(...cs.map((c) => c.x - 5 * c.spread));
  const minY = Math.min(...cs.map((c) => c.y - 5 * c.spread));
  const side = Math.max(Math.max(...cs.map((c) => c.x + 5 * c.spread)) - minX, Math.max(...cs.map((c) => c.y + 5 * c.spread)) - minY);
  const mass = (level: number, x: number, y: number) => {
    const s = side / 2 ** level;
    const x0 = minX + x * s;
    const y0 = minY + y * s;
    return cs.reduce((m, c) => m + (c.weight / total) * (phi((x0 + s - c.x) / c.spread) - phi((x0 - c.x) / c.spread)) * (phi((y0 + s - c.y) / c.spread) - phi((y0 - c.y) / c.spread)), 0);
  };
  const tiles: [number, number, number, number][] = [];
  let levels = 0;
  const visit = (level: number, x: number, y: number, count: number) => {
    if (count <= 0) return;
    levels = Math.max(levels, level + 1);
    if (count <= tilePoints) {
      tiles.push([level, x, y, count]);
      return;
    }
    tiles.push([level, x, y, tilePoints]);
    const children = [0, 1, 2, 3].map((q) => ({ x: x * 2 + (q & 1), y: y * 2 + (q >> 1), mass: mass(level + 1, x * 2 + (q & 1), y * 2 + (q >> 1)) }));
    const sum = children.reduce((s, c) => s + c.mass, 0) || 1;
    const rest = count - tilePoints;
    // Largest remainders, so the children's counts add up to exactly the rest.
    const shares = children.map((c) => (rest * c.mass) / sum);
    const counts = shares.map(Math.floor);
    const order = shares.map((s, i) => [s - Math.floor(s), i]).sort((a, b) => b[0] - a[0]);
    const left = rest - counts.reduce((a, b) => a + b, 0);
    for (let k = 0; k < left; k++) counts[order[k][1]]++;
    children.forEach((c, i) => visit(level + 1, c.x, c.y, counts[i]));
  };
  visit(0, 0, 0, points);
  return {
    format: 'projector-tiles', version: 1, name: 'synthetic', layout: 'layout', points, dims: 2, tilePoints, seed: 42,
    bounds: { minX, minY, side }, levels,
    columns: [{ name: 'x', type: 'float32' }, { name: 'y', type: 'float32' }, { name: 'id', type: 'uint32' }],
    tiles,
  };
}
