// Seeded Gaussian mixtures written as a standalone projector config, for the browser benchmarks.
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { mulberry32 } from '../../tests/e2e/lib/random.mjs';

/** `n` points of `clusters` Gaussian clusters in `d` dimensions, labelled c0, c1, ... */
export async function writeMixture(dir, n, d = 50, clusters = 20) {
  const rand = mulberry32(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: d }, () => gauss() * 6));
  const tensor = createWriteStream(join(dir, 'tensor.bytes'));
  const labels = [];
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const block = new Float32Array(rows * d);
    for (let r = 0; r < rows; r++) {
      const c = Math.floor(rand() * clusters);
      labels.push(`c${c}`);
      for (let j = 0; j < d; j++) block[r * d + j] = centres[c][j] + gauss();
    }
    if (!tensor.write(Buffer.from(block.buffer))) await once(tensor, 'drain');
  }
  tensor.end();
  await once(tensor, 'finish');
  writeFileSync(join(dir, 'labels.tsv'), `${labels.join('\n')}\n`);
  writeFileSync(join(dir, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: `mixture ${n}`, tensorShape: [n, d], tensorPath: 'tensor.bytes', metadataPath: 'labels.tsv' }],
  }));
}

