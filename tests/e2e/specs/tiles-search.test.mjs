// Search and neighbours on a tile set's map through the server that also serves the dataset the set was
// made from (`projector serve DATA --tiles DIR`): the matches are ringed on the map and listed, choosing
// one flies the camera to it and lists and rings its nearest neighbours, and a click on a point does too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite, startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { writeClusteredLayout } from '../lib/tile-data.mjs';
import { tileStats, waitTileStats } from '../lib/tile-page.mjs';

const root = mkdtempSync(join(tmpdir(), 'projector-e2e-tiles-search-'));
const n = 60_000;
let server;
let browser;
let page;

before(async () => {
  // The dataset: each point's cluster as a text first column (its label), then its two coordinates,
  // which are also the layout the tiles are cut from.
  const layout = join(root, 'layout.npy');
  writeClusteredLayout(layout, join(root, 'labels.tsv'), n);
  const labels = readFileSync(join(root, 'labels.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
  const values = new Float32Array(readFileSync(layout).buffer.slice(128));
  const rows = labels.map((label, i) => `${label}\t${values[2 * i]}\t${values[2 * i + 1]}`);
  writeFileSync(join(root, 'points.tsv'), rows.join('\n') + '\n');
  await exportSite(join(root, 'points.tsv'), join(root, 'set'), ['--format', 'tiles', '--layout', layout, '--tile-points', '5000']);
  server = await startServer([join(root, 'points.tsv'), '--tiles', join(root, 'set')]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a search through the server rings and lists its matches; choosing one flies to it and rings its neighbours', async () => {
  await page.goto(server.url);
  await waitTileStats(page, '(s) => s.tilesShown > 0 && s.tilesShown === s.tilesWanted && s.frames > 1');
  assert.equal(await page.getByTestId('tile-search-note').count(), 0);
  assert.equal(await page.getByTestId('tile-search-column').inputValue(), 'label');
  await page.getByTestId('tile-search-input').fill('cluster 3');
  await page.getByTestId('tile-search-input').press('Enter');
  await page.waitForFunction(() => /match/.test(document.querySelector('[data-testid="tile-search-status"]').textContent));
  assert.equal(JSON.parse(readFileSync(join(root, 'set', 'tiles.json'), 'utf8')).points, n);
  const expected = readFileSync(join(root, 'labels.tsv'), 'utf8').split('\n').filter((l) => l.startsWith('cluster 3\t')).length;
  assert.match(await page.getByTestId('tile-search-status').textContent(), new RegExp(`^${expected.toLocaleString('en')} matches, the first 50 listed and ringed`));
  assert.equal(await page.getByTestId('tile-result').count(), 50);
  await waitTileStats(page, '(s) => s.marks === 50 && !s.moving');
  await page.waitForTimeout(400);
  await browser.shot('tiles-search-01-matches');

  // The layout's own coordinates are the vectors here, so straight-line distance is the one that means something.
  await page.getByTestId('tile-metric').selectOption('euclidean');
  const before = await tileStats(page);
  const first = await page.getByTestId('tile-result').first().textContent();
  await page.getByTestId('tile-result').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile-neighbour"]').length === 10);
  await waitTileStats(page, `(s) => s.marks === 61 && s.level > ${before.level} && s.tilesShown === s.tilesWanted && !s.moving`);
  assert.match(await page.getByTestId('tile-neighbours-title').textContent(), new RegExp(`Neighbours of ${first.toLowerCase()} \\(10, nearest first\\)`));
  await page.waitForTimeout(400);
  await browser.shot('tiles-search-02-neighbours');
  assert.deepEqual(browser.errors, []);
});

test('a click on a point lists its neighbours without moving the camera', async () => {
  const box = await page.getByTestId('canvas').boundingBox();
  const start = await tileStats(page);
  // The point nearest the centre of the view, by the page's own hover pick.
  let row = null;
  for (let dx = 0; dx < 200 && row === null; dx += 10) {
    await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await page.waitForTimeout(100);
    const hover = page.getByTestId('tile-hover');
    if (await hover.isVisible()) row = Number(/Row (\d+)/.exec(await hover.textContent())[1]);
    else continue;
    await page.mouse.down();
    await page.mouse.up();
  }
  assert.notEqual(row, null, 'no point under the pointer near the centre');
  await page.waitForFunction((r) => document.querySelector('[data-testid="tile-neighbours-title"]').textContent.startsWith(`Neighbours of row ${r} (`), row);
  const after = await tileStats(page);
  assert.deepEqual(after.viewport, start.viewport);
  assert.equal(await page.getByTestId('tile-neighbour').count(), 10);
  assert.deepEqual(browser.errors, []);
});
