// Placing new items into a finished layout: rows copied from the dataset land on those rows, rings
// mark them, their nearest rows are selected; a refused request shows the server's reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const DIMS = 4;
const PER_BLOB = 60;
const CENTRES = [[8, 0, 0, 0], [0, 8, 0, 0], [0, 0, 8, 4]];

let server;
let browser;
let page;
let folder;
let rows;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);

before(async () => {
  // Three well separated blobs; the scatter is a fixed hash of row and column, so every run sees the same data.
  folder = mkdtempSync(join(tmpdir(), 'projector-e2e-place-'));
  const scatter = (row, d) => {
    const h = Math.sin(row * 12.9898 + d * 78.233) * 43758.5453;
    return 2 * (h - Math.floor(h)) - 1;
  };
  rows = CENTRES.flatMap((c, b) => Array.from({ length: PER_BLOB }, (_, i) => c.map((v, d) => Number((v + 1.5 * scatter(b * PER_BLOB + i, d)).toFixed(4)))));
  writeFileSync(join(folder, 'blobs.tsv'), `${rows.map((r) => r.join('\t')).join('\n')}\n`);
  server = await startServer([join(folder, 'blobs.tsv')]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('rows equal to dataset rows are placed on them, ringed, with their neighbours selected', async () => {
  await page.goto(`${server.url}#d=blobs&m=pca`);
  await page.waitForFunction(() => window.__projector?.ready === true && window.__projector.job()?.status === 'done', null, { timeout: 90_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="place-files"]').disabled, null, { timeout: 30_000 });
  const copies = [5, PER_BLOB + 17];
  const file = join(folder, 'new.f32');
  writeFileSync(file, Buffer.from(new Float32Array(copies.flatMap((r) => rows[r])).buffer));
  await byId('place-files').setInputFiles(file);
  await page.waitForFunction(() => window.__projector.placed() === 2, null, { timeout: 60_000 });
  await waitText('place-note', (t) => t.startsWith('2 placed'));

  const selected = await page.evaluate(() => window.__projector.selected());
  for (const r of copies) assert.ok(selected.includes(r), `row ${r} (copied) is not among the selected neighbours ${JSON.stringify(selected)}`);
  assert.equal(selected.length, 20, 'ten neighbours for each of the two placed rows');
  // Each copy's neighbours are from its own blob.
  for (const [i, r] of copies.entries()) {
    const blob = Math.floor(r / PER_BLOB);
    const own = selected.filter((s) => Math.floor(s / PER_BLOB) === blob);
    assert.ok(own.length >= 10, `placed item ${i}: only ${own.length} selected rows in blob ${blob}`);
  }
  for (const [i, r] of copies.entries()) {
    const [placed, row] = await page.evaluate(([i, r]) => [window.__projector.screenOfPlaced(i), window.__projector.screenOf(r)], [i, r]);
    assert.ok(placed && row, 'both are on screen');
    const distance = Math.hypot(placed[0] - row[0], placed[1] - row[1]);
    assert.ok(distance < 3, `placed item ${i} is drawn ${distance.toFixed(1)} px from row ${r}, which it copies`);
  }
  await browser.shot('40-placed-items');

  await byId('clear-placed').click();
  await page.waitForFunction(() => window.__projector.placed() === 0, null, { timeout: 10_000 });
  assert.ok(await byId('clear-placed').isDisabled());
});

test('a refused placement shows the server\'s reason in the error banner', async () => {
  // Images need `serve --model`; this server has none, so the answer is a 400 with its reason.
  const image = join(folder, 'new.png');
  writeFileSync(image, Buffer.from('89504e470d0a1a0a', 'hex'));
  await byId('place-files').setInputFiles(image);
  await waitText('error-banner', (t) => t.includes('no model to turn images into vectors'));
  assert.equal(await page.evaluate(() => window.__projector.placed()), 0);
  await browser.shot('41-place-refused');
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
