// Writes a seeded Gaussian mixture for the cluster test and benchmark: N points in D dimensions from 20
// isotropic clusters (centres ~ N(0, I), standard deviations in [0.6, 1.4], unequal weights), as
// OUT/NAME.npy (float32) and OUT/NAME.tsv (columns label and row). The same seed gives the same bytes.
//
//   node scripts/gauss-data.mjs OUT NAME N [D=50] [SEED=1]
import { openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../tests/e2e/lib/random.mjs';
import { npyHeader } from '../tests/e2e/lib/npy.mjs';

const [out, name, nText, dText = '50', seedText = '1'] = process.argv.slice(2);
if (!out || !name || !nText) {
  console.error('usage: node scripts/gauss-data.mjs OUT NAME N [D=50] [SEED=1]');
  process.exit(2);
}
const n = Number(nText);
const dims = Number(dText);
const clusters = 20;
const centreRandom = mulberry32(20240101);
const gaussOf = (random) => () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const centreGauss = gaussOf(centreRandom);
const centres = Array.from({ length: clusters }, () => Float64Array.from({ length: dims }, centreGauss));
const spreads = Array.from({ length: clusters }, () => 0.6 + 0.8 * centreRandom());
const weights = Array.from({ length: clusters }, () => 0.5 + centreRandom());
const total = weights.reduce((a, b) => a + b, 0);

const random = mulberry32(Number(seedText));
const gauss = gaussOf(random);
const npy = openSync(join(out, `${name}.npy`), 'w');
writeSync(npy, npyHeader([n, dims]));
const labels = [];
const chunkRows = 10000;
for (let start = 0; start < n; start += chunkRows) {
  const rows = Math.min(chunkRows, n - start);
  const values = new Float32Array(rows * dims);
  for (let r = 0; r < rows; r++) {
    let pick = random() * total;
    let k = 0;
    while (k < clusters - 1 && pick > weights[k]) pick -= weights[k++];
    for (let d = 0; d < dims; d++) values[r * dims + d] = centres[k][d] + spreads[k] * gauss();
    labels.push(`c${k}\t${start + r}`);
  }
  writeSync(npy, Buffer.from(values.buffer));
}
closeSync(npy);
writeFileSync(join(out, `${name}.tsv`), `label\trow\n${labels.join('\n')}\n`);
