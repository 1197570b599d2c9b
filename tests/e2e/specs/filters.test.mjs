// Filters on metadata columns, on a dataset with known counts: a histogram brush, value bars, the
// legend's toggles and solo, cross-filtered counts, hidden points not picked, and filters kept by the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

// 1,000 rows: score = the row number (a histogram), kind in runs of 400, 250, 200, 100 and 50 rows,
// group = row mod 4 (rows 400..649, kind k1, hold 63, 63, 62, 62 of g0..g3).
const N = 1000;
const SIZES = [400, 250, 200, 100, 50];
const kindOf = (i) => {
  let end = 0;
  for (let k = 0; k < SIZES.length; k++) if (i < (end += SIZES[k])) return k;
  return SIZES.length - 1;
};

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);
const ready = () => page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
const shown = (n) => waitText('filter-count', new Function('t', `return t === '${n.toLocaleString('en-US')} of 1,000 points'`));
const block = (column) => page.locator(`[data-testid="filter-${column}"]`);
const value = (column, v) => block(column).locator(`[data-testid="filter-value"][data-value="${v}"]`);
const hashFilters = () => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).getAll('f'));
/** The URL follows the view after a short debounce. */
const hashHas = (filters) => page.waitForFunction((want) => JSON.stringify(new URLSearchParams(location.hash.slice(1)).getAll('f')) === JSON.stringify(want), filters, { timeout: 10_000 });

before(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'projector-e2e-filters-'));
  const vectors = [];
  const metadata = ['score\tkind\tgroup'];
  for (let i = 0; i < N; i++) {
    const k = kindOf(i);
    vectors.push([k * 3 + Math.sin(i) * 0.4, k * 2 + Math.cos(i * 1.3) * 0.4, Math.sin(i * 0.7), (i % 4) * 0.5].map((v) => v.toFixed(4)).join('\t'));
    metadata.push(`${i}\tk${k}\tg${i % 4}`);
  }
  writeFileSync(join(folder, 'vectors.tsv'), `${vectors.join('\n')}\n`);
  writeFileSync(join(folder, 'metadata.tsv'), `${metadata.join('\n')}\n`);
  writeFileSync(join(folder, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: 'known', tensorShape: [N, 4], tensorPath: 'vectors.tsv', metadataPath: 'metadata.tsv' }],
  }));
  server = await startServer([join(folder, 'projector_config.json')]);
  browser = await openBrowser({ width: 1400, height: 900 });
  page = browser.page;
  await page.goto(server.url);
  await ready();
  await shown(N);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every column has a summary: a histogram for numbers, the values with their counts for categories', async () => {
  assert.equal(await block('score').locator('canvas').count(), 1);
  assert.equal(await byId('filter-range').first().textContent(), '0 … 999');
  assert.equal(await value('kind', 'k0').locator('.value-count').textContent(), '400');
  assert.equal(await value('kind', 'k4').locator('.value-count').textContent(), '50');
  assert.ok(await byId('filter-badge').isHidden(), 'no filter, no badge over the map');
  assert.ok(await byId('filters-clear').isDisabled());
});

test('a brush on the histogram keeps exactly the rows in its range', async () => {
  const canvas = block('score').locator('canvas');
  const box = await canvas.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.25, y);
  await page.mouse.down();
  for (let s = 1; s <= 8; s++) await page.mouse.move(box.x + box.width * (0.25 + (0.35 * s) / 8), y);
  await page.mouse.up();
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).getAll('f').some((f) => f.startsWith('score,range,')), null, { timeout: 10_000 });
  const [, , lo, hi] = (await hashFilters()).find((f) => f.startsWith('score,range,')).split(',').map((x, i) => (i >= 2 ? Number(x) : x));
  assert.ok(lo > 200 && lo < 300 && hi > 550 && hi < 650, `the range follows the drag (${lo}..${hi})`);
  // score is the row number: the rows kept are the integers in [lo, hi].
  const expected = Math.floor(hi) - Math.ceil(lo) + 1;
  await shown(expected);
  await waitText('filter-badge-count', new Function('t', `return t === '${expected} of 1,000 points'`));
  // Cross-filtering: kind counts only the rows in range, score's own histogram is not narrowed by it.
  const k0 = Math.max(0, Math.min(399, Math.floor(hi)) - Math.ceil(lo) + 1);
  await page.waitForFunction(([n]) => document.querySelector('[data-testid="filter-kind"] [data-value="k0"] .value-count')?.textContent === String(n), [k0]);
  await browser.shot('60-filter-brush');
  await byId('filters-clear').click();
  await shown(N);
  await hashHas([]);
});

test('a value click keeps that value, its panel keeps its counts and the others count it only', async () => {
  await value('kind', 'k1').click();
  await shown(250);
  await hashHas(['kind,in,k1']);
  // The other columns count the 250 rows of k1; kind itself still shows every value's count.
  await page.waitForFunction(() => document.querySelector('[data-testid="filter-group"] [data-value="g0"] .value-count')?.textContent === '63');
  assert.equal(await value('group', 'g3').locator('.value-count').textContent(), '62');
  assert.equal(await value('kind', 'k0').locator('.value-count').textContent(), '400');
  assert.match(await value('kind', 'k0').getAttribute('class'), /\boff\b/);
  // Ctrl-click adds a value; a filter on another column ANDs with it.
  await value('kind', 'k2').click({ modifiers: ['Control'] });
  await shown(450);
  await value('group', 'g0').click();
  // Rows 400..849 with row mod 4 = 0: 113.
  await shown(113);
  await browser.shot('61-filter-values');
  await byId('filters-clear').click();
  await shown(N);
});

test('the legend hides a class, alt-click shows only one, and hidden points are not picked', async () => {
  // kind is coloured by default (the first column with few values).
  await byId('color-by').selectOption('kind');
  const legendItem = (v) => page.locator(`[data-testid="legend"] [data-value="${v}"]`);
  await legendItem('k0').click();
  await shown(N - 400);
  assert.match(await legendItem('k0').getAttribute('class'), /\boff\b/);
  await legendItem('k3').click();
  await shown(N - 400 - 100);
  await legendItem('k3').click();
  await shown(N - 400);
  await legendItem('k2').click({ modifiers: ['Alt'] });
  await shown(200);
  await hashHas(['kind,in,k2']);
  // The legend counts the points shown under the other filters: a brush on score narrows them.
  await byId('filters-hide').check();
  await page.waitForFunction(() => location.hash.includes('fh=1'));
  await browser.shot('62-filter-legend-solo-hidden');
  // A hidden point under the pointer is not hovered, a shown one is.
  const hidden = await page.evaluate(() => window.__projector.screenOf(0));
  const visible = await page.evaluate(() => window.__projector.screenOf(700));
  await page.mouse.move(visible[0], visible[1]);
  await byId('hover-card').waitFor({ state: 'visible', timeout: 10_000 });
  await page.mouse.move(hidden[0], hidden[1]);
  await byId('hover-card').waitFor({ state: 'hidden', timeout: 10_000 });
  await legendItem('k2').click({ modifiers: ['Alt'] });
  await shown(N);
  await byId('filters-hide').uncheck();
});

test('filters survive a reload through the URL and a bookmark, and an old link without filters opens them all', async () => {
  await value('kind', 'k3').click();
  await value('group', 'g1').click({ modifiers: ['Control'] });
  // k3 is rows 850..949; g1 alone (ctrl-click on an unfiltered column starts a set): 25 of them.
  await shown(25);
  await hashHas(['kind,in,k3', 'group,in,g1']);
  const hash = await page.evaluate(() => location.hash);
  await page.reload();
  await ready();
  await shown(25);
  assert.equal(await page.evaluate(() => location.hash), hash);
  assert.match(await value('kind', 'k0').getAttribute('class'), /\boff\b/);
  await browser.shot('63-filter-after-reload');
  // A bookmark keeps the filters: saved, cleared, opened again.
  await byId('bookmark-name').fill('k3 in g1');
  await byId('bookmark-save').click();
  await byId('bookmark-item').first().waitFor({ timeout: 30_000 });
  await byId('filters-clear').click();
  await shown(N);
  await byId('bookmark-item').first().locator('button').first().click();
  await shown(25);
  await page.goto(`${server.url}#${new URLSearchParams(hash.slice(1)).has('d') ? `d=${new URLSearchParams(hash.slice(1)).get('d')}` : ''}`);
  await page.reload();
  await ready();
  await shown(N);
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
