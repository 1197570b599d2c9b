// Placing new images with `serve --model`: the served dataset is what a small ONNX model makes of a
// folder of images (`projector embed`); copies of two of those images, picked in the page, land on
// their rows, are ringed, and their neighbours are selected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliDll, startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { denseImageModel, greyPng } from '../lib/tiny-files.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const SIDE = 4;
const WIDTH = 6;
const PER_CLASS = 20;

let server;
let browser;
let page;
let folder;
const images = [];
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);

// Class c lights every third pixel from c; each image adds its own fixed speckle.
const pixelsOf = (c, k) => Array.from({ length: SIDE * SIDE }, (_, p) => {
  const h = Math.sin((c * PER_CLASS + k) * 12.9898 + p * 78.233) * 43758.5453;
  return Math.round((p % 3 === c ? 190 : 30) + 40 * (h - Math.floor(h)));
});

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'projector-e2e-place-model-'));
  const weights = Array.from({ length: WIDTH * SIDE * SIDE }, (_, i) => Math.sin(i * 1.37) * 0.8);
  const model = join(folder, 'dense.onnx');
  writeFileSync(model, denseImageModel(SIDE, WIDTH, weights, Array.from({ length: WIDTH }, (_, i) => i / 10)));
  for (let c = 0; c < 3; c++) {
    mkdirSync(join(folder, 'images', `class${c}`), { recursive: true });
    for (let k = 0; k < PER_CLASS; k++) {
      const name = `c${c}-${String(k).padStart(2, '0')}.png`;
      writeFileSync(join(folder, 'images', `class${c}`, name), greyPng(SIDE, pixelsOf(c, k)));
      images.push({ c, k, name });
    }
  }
  const data = join(folder, 'embedded.parquet');
  const run = spawnSync('dotnet', [cliDll(), 'embed', model, join(folder, 'images'), '-o', data, '--layer', 'embedding'], { encoding: 'utf8', env: { ...process.env, DOTNET_NOLOGO: '1' } });
  assert.equal(run.status, 0, `projector embed failed:\n${run.stdout}\n${run.stderr}`);
  server = await startServer([data, '--model', model, '--layer', 'embedding']);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('images picked in the page go through the model and land on the rows they copy', async () => {
  await page.goto(`${server.url}#m=pca&c=label`);
  await page.waitForFunction(() => window.__projector?.ready === true && window.__projector.job()?.status === 'done', null, { timeout: 90_000 });
  await waitText('place-note', (t) => t.includes('embedded by dense.onnx, layer embedding'));
  assert.match(await byId('place-files').getAttribute('accept'), /image\/png/);

  // Which row holds which image: the metadata's file column.
  const [item] = await (await fetch(`${server.url}api/datasets`)).json();
  const metadata = await (await fetch(`${server.url}api/datasets/${item.id}/metadata`)).json();
  const files = metadata.columns.find((col) => col.values.some((v) => String(v).endsWith('c1-03.png'))).values.map(String);
  const copies = [images.find((i) => i.c === 1 && i.k === 3), images.find((i) => i.c === 2 && i.k === 11)];
  const rows = copies.map((copy) => files.findIndex((f) => f.endsWith(copy.name)));
  assert.ok(rows.every((r) => r >= 0), `rows of the copied images: ${rows}`);
  const picked = copies.map((copy, i) => {
    const path = join(folder, `new-${i}.png`);
    writeFileSync(path, greyPng(SIDE, pixelsOf(copy.c, copy.k)));
    return path;
  });

  await byId('place-files').setInputFiles(picked);
  await page.waitForFunction(() => window.__projector.placed() === 2, null, { timeout: 60_000 });
  await waitText('place-note', (t) => t.startsWith('2 placed'));
  const selected = await page.evaluate(() => window.__projector.selected());
  for (const r of rows) assert.ok(selected.includes(r), `row ${r} (the same image) is not among the selected neighbours ${JSON.stringify(selected)}`);
  for (const [i, r] of rows.entries()) {
    const [placed, row] = await page.evaluate(([i, r]) => [window.__projector.screenOfPlaced(i), window.__projector.screenOf(r)], [i, r]);
    assert.ok(placed && row, 'both are on screen');
    const distance = Math.hypot(placed[0] - row[0], placed[1] - row[1]);
    assert.ok(distance < 3, `placed image ${i} is drawn ${distance.toFixed(1)} px from row ${r}, the same image`);
  }
  await browser.shot('45-placed-images');
  assert.deepEqual(browser.errors, []);
});
