// A synthetic 2-D layout for tile sets: clusters of very different sizes and spreads (a mulberry32
// stream, so the same seed gives the same points), written as a float32 .npy and a TSV of each point's cluster and distance from its centre.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './random.mjs';
import { npyHeader } from './npy.mjs';
import { exportSite } from './server.mjs';

/** Writes `npy` (N x 2 float32) and `labels` (columns `cluster` and `radius`) for `n` points. */
export function writeClusteredLayout(npy, labels, n, { clusters = 12, seed = 7 } = {}) {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => [gauss() * 10, gauss() * 10, 0.3 + random() * 2.5, 0.2 + random()]);
  const total = centres.reduce((s, c) => s + c[3], 0);
  const values = new Float32Array(n * 2);
  const names = new Array(n);
  for (let i = 0; i < n; i++) {
    let r = random() * total;
    let k = 0;
    while (k < clusters - 1 && r > centres[k][3]) r -= centres[k++][3];
    const [cx, cy, spread] = centres[k];
    const dx = gauss() * spread;
    const dy = gauss() * spread;
    values[i * 2] = cx + dx;
    values[i * 2 + 1] = cy + dy;
    names[i] = `cluster ${k}\t${Math.hypot(dx, dy).toFixed(3)}`;
  }
  writeFileSync(npy, Buffer.concat([npyHeader([n, 2]), Buffer.from(values.buffer)]));
  writeFileSync(labels, `cluster\tradius\n${names.join('\n')}\n`);
}

/** Writes a clustered layout of `n` points in `root` and exports it as a tile set of at most `tilePoints` a tile; resolves to the set's folder. */
export async function exportClusteredTiles(root, n, tilePoints) {
  const layout = join(root, 'layout.npy');
  const labels = join(root, 'labels.tsv');
  writeClusteredLayout(layout, labels, n);
  const set = join(root, 'set');
  await exportSite(layout, set, ['--format', 'tiles', '--metadata', labels, '--layout', layout, '--tile-points', String(tilePoints)]);
  return set;
}
