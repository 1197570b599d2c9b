// The table under the map and tagging: a small dataset with known metadata is sorted by a column, a
// row click selects its point and moves the camera, the downloads hold the rows shown, and a tag put
// on five points survives a reload and colours the map. The MNIST demo shows its sprites in the table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const N = 40;
// Known metadata: weight is a permutation of 0..39 scaled, so its order is known; some names need quoting.
const weightOf = (i) => ((i * 17) % N) * 2.5;
const nameOf = (i) => (i === 7 ? 'fig, "dried"' : `fruit ${String.fromCharCode(97 + (i % 26))}${i}`);
const groupOf = (i) => ['red', 'green', 'yellow'][i % 3];

let server;
let browser;
let page;
let dataset;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);
const ready = () => page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
const firstRow = () => page.locator('[data-testid="table-row"]:not([hidden])').first().getAttribute('data-index');
const header = (column) => page.locator(`[data-testid="table-header"][data-column="${column}"]`);
/** Clicks a header until it sorts ascending (a click cycles ascending, descending, dataset order). */
async function sortAscending(column) {
  for (let i = 0; i < 3 && (await header(column).getAttribute('aria-sort')) !== 'ascending'; i++) await header(column).click();
  assert.equal(await header(column).getAttribute('aria-sort'), 'ascending');
}

async function downloaded(click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path(), 'utf8');
}

before(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'projector-e2e-table-'));
  const vectors = Array.from({ length: N }, (_, i) => Array.from({ length: 4 }, (_, d) => Math.sin(i * 3 + d * 5).toFixed(4)).join('\t'));
  writeFileSync(join(folder, 'tensors.tsv'), `${vectors.join('\n')}\n`);
  const meta = ['name\tweight\tgroup', ...Array.from({ length: N }, (_, i) => `${nameOf(i)}\t${weightOf(i)}\t${groupOf(i)}`)];
  writeFileSync(join(folder, 'metadata.tsv'), `${meta.join('\n')}\n`);
  writeFileSync(join(folder, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: 'fruits', tensorShape: [N, 4], tensorPath: 'tensors.tsv', metadataPath: 'metadata.tsv' }],
  }));
  server = await startServer([join(folder, 'projector_config.json'), 'demo:mnist']);
  const items = await (await fetch(`${server.url}api/datasets`)).json();
  dataset = items.find((d) => d.id !== 'mnist').id;
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the table lists every point and sorts by a column, both ways, numbers as numbers', async () => {
  await page.goto(`${server.url}#d=${dataset}`);
  await ready();
  await byId('table-toggle').click();
  await waitText('table-source', (t) => t === 'All 40 points');
  assert.equal(await firstRow(), '0');
  const byWeight = [...Array(N).keys()].sort((a, b) => weightOf(a) - weightOf(b));
  await header('weight').click();
  await page.waitForFunction((want) => document.querySelector('[data-testid="table-row"]')?.getAttribute('data-index') === want, String(byWeight[0]));
  assert.equal(await header('weight').getAttribute('aria-sort'), 'ascending');
  await header('weight').click();
  await page.waitForFunction((want) => document.querySelector('[data-testid="table-row"]')?.getAttribute('data-index') === want, String(byWeight.at(-1)));
  assert.equal(await header('weight').getAttribute('aria-sort'), 'descending');
  // Only the rows in view are in the DOM (the box holds about 10 of the 40).
  const inDom = await page.locator('[data-testid="table-row"]:not([hidden])').count();
  assert.ok(inDom < N, `${inDom} rows in the DOM`);
  await browser.shot('60-table-sorted-by-weight');
});

test('clicking a row selects its point and moves the camera to it, the table keeps its rows', async () => {
  const before = await page.evaluate(() => location.hash);
  const row = page.locator('[data-testid="table-row"]:not([hidden])').nth(2);
  const index = Number(await row.getAttribute('data-index'));
  await row.click();
  await page.waitForFunction((i) => JSON.stringify(window.__projector.selected()) === `[${i}]`, index);
  await waitText('selection-count', (t) => t === '1');
  await waitText('table-source', (t) => t === 'All 40 points');
  assert.match(await row.getAttribute('class'), /selected/);
  // The camera now centres the point: it is in the middle of the map.
  await page.waitForFunction((b) => location.hash !== b && location.hash.includes('cam='), before, { timeout: 10_000 });
  const [x, y] = await page.evaluate((i) => window.__projector.screenOf(i), index);
  const box = await byId('canvas').boundingBox();
  assert.ok(Math.abs(x - (box.x + box.width / 2)) < 3 && Math.abs(y - (box.y + box.height / 2)) < 3, `point at ${x},${y}; map ${JSON.stringify(box)}`);
  await browser.shot('61-table-row-clicked');
});

test('the table shows the selection, and downloads what it shows as TSV and CSV', async () => {
  await page.goto(`${server.url}#d=${dataset}&sel=2,7,11,30`);
  await ready();
  await waitText('table-source', (t) => t === 'Selection: 4 of 40 points');
  await sortAscending('weight');
  const order = [2, 7, 11, 30].sort((a, b) => weightOf(a) - weightOf(b));
  await page.waitForFunction((want) => document.querySelector('[data-testid="table-row"]')?.getAttribute('data-index') === want, String(order[0]));
  const tsv = await downloaded(() => byId('table-download-tsv').click());
  const tsvLines = tsv.trimEnd().split('\n');
  assert.equal(tsvLines[0], 'index\tname\tweight\tgroup');
  assert.deepEqual(tsvLines.slice(1).map((l) => Number(l.split('\t')[0])), order);
  assert.ok(tsvLines.includes(`7\t"fig, ""dried"""\t${weightOf(7)}\t${groupOf(7)}`), tsv);
  const csv = await downloaded(() => byId('table-download-csv').click());
  const csvLines = csv.trimEnd().split('\n');
  assert.equal(csvLines[0], 'index,name,weight,group');
  assert.equal(csvLines.length, 5);
  assert.ok(csvLines.includes(`7,"fig, ""dried""",${weightOf(7)},${groupOf(7)}`), csv);
  await browser.shot('62-table-selection');
});

test('a tag on five points shows at once, survives a reload, colours the map and downloads aligned with the rows', async () => {
  const tagged = [1, 3, 5, 9, 20];
  await page.goto(`${server.url}#d=${dataset}&sel=${tagged.join(',')}`);
  await ready();
  await waitText('selection-count', (t) => t === '5');
  await byId('tag-column').fill('reviewed');
  await byId('tag-value').fill('yes');
  await byId('tag-apply').click();
  await waitText('tag-status', (t) => t === 'Tagged 5 points: reviewed = yes.');
  // At once: the colour picker and the table have the column.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="color-by"] option')].some((o) => o.value === 'reviewed'));
  await header('reviewed').waitFor();
  await browser.shot('63-tagged');

  await page.reload();
  await ready();
  await byId('color-by').selectOption('reviewed');
  await page.locator('[data-testid="legend"] .legend-item[title^="yes: 5 "]').waitFor({ timeout: 10_000 });
  await byId('clear-selection').click();
  await waitText('table-source', (t) => t === 'All 40 points');
  await sortAscending('reviewed');
  // The sort comes from a worker: wait for its rows.
  await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('[data-testid="table-row"]:not([hidden])')]
    .slice(0, 5).map((r) => Number(r.dataset.index))) === want, JSON.stringify(tagged), { timeout: 10_000 });
  await waitText('tag-columns', (t) => t.includes('reviewed') && t.includes('5 tagged'));
  await browser.shot('64-tag-after-reload-coloured');

  const tags = await downloaded(() => byId('tag-download').click());
  const lines = tags.split('\n');
  assert.equal(lines[0], 'reviewed');
  assert.equal(lines.length, N + 2, 'a header, one line per row, and the final newline');
  for (let i = 0; i < N; i++) assert.equal(lines[i + 1], tagged.includes(i) ? 'yes' : '', `row ${i}`);
});

test('the MNIST demo shows each digit\'s sprite in the first column', async () => {
  await page.goto(`${server.url}#d=mnist`);
  await ready();
  await waitText('table-source', (t) => t === 'All 10,000 points');
  await sortAscending('label');
  await page.locator('[data-testid="table-thumb"]').first().waitFor({ timeout: 30_000 });
  const style = await page.locator('[data-testid="table-thumb"]').first().getAttribute('style');
  assert.match(style, /background-image: url\("blob:/);
  // The first rows are zeros (the demo lists its digits by label, so they are the first rows anyway).
  await page.waitForFunction(() => document.querySelector('[data-testid="table-sorting"]')?.textContent === '');
  const labels = await page.locator('[data-testid="table-row"]:not([hidden])').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.children[2].textContent));
  assert.deepEqual(labels, ['0', '0', '0']);
  await browser.shot('65-table-mnist-sprites');
});
