// An exported site on a plain static file server, under a subfolder URL, with no .NET behind it:
// the same views, colours, search, neighbours and bookmarks; projections the site cannot compute say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite, fixturesFolder } from '../lib/server.mjs';
import { startStaticServer } from '../lib/static-server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const root = mkdtempSync(join(tmpdir(), 'projector-e2e-static-'));
const tinyFixture = (() => {
  const f = fixturesFolder();
  const dir = f && join(f, 'projector', 'selfmade-tiny');
  return dir && existsSync(dir) ? dir : null;
})();
let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);

before(async () => {
  // t-SNE of all 10,000 digits takes too long for a test run: MNIST gets PCA and its neighbours, the
  // small fixture a precomputed t-SNE and a config's bookmarks.
  await exportSite('demo:mnist', join(root, 'mnist'), ['--layouts', 'pca', '--neighbors', '50']);
  if (tinyFixture) {
    const src = join(root, 'tiny-src');
    mkdirSync(src);
    for (const f of ['tiny_tensors.bytes', 'tiny_metadata.tsv', 'tiny_sprite.png']) copyFileSync(join(tinyFixture, f), join(src, f));
    const config = JSON.parse(readFileSync(join(tinyFixture, 'tiny_projector_config.json'), 'utf8'));
    config.embeddings[0].bookmarksPath = 'bookmarks.json';
    writeFileSync(join(src, 'projector_config.json'), JSON.stringify(config));
    writeFileSync(join(src, 'bookmarks.json'), JSON.stringify([
      { label: 'clusters in t-SNE', selectedProjection: 'tsne', tSNEis3d: false, selectedColorOptionName: 'cluster', selectedPoints: [] },
    ]));
    await exportSite(join(src, 'projector_config.json'), join(root, 'tiny'), ['--layouts', 'pca,tsne', '--neighbors', '10']);
  }
  server = await startStaticServer(root, '/some/sub/');
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);
const ready = () => page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 120_000 });

/** The exported kNN lists of the MNIST site: int32 N x K indices, then float32 distances. */
function exportedNeighbors(point, k) {
  const [entry] = JSON.parse(readFileSync(join(root, 'mnist', 'data', 'mnist', 'neighbors.json'), 'utf8'));
  // The lists come in chunks of chunkRows rows: indices of the chunk's rows, then their distances.
  const chunk = Math.floor(point / entry.chunkRows);
  const bytes = readFileSync(join(root, 'mnist', 'data', 'mnist', entry.file, `${chunk}.bin`));
  const rows = Math.min(entry.chunkRows, 10000 - chunk * entry.chunkRows);
  const indices = new Int32Array(bytes.buffer, bytes.byteOffset, rows * entry.k);
  const at = (point - chunk * entry.chunkRows) * entry.k;
  return { k: entry.k, metric: entry.metric, file: `${entry.file}/${chunk}.bin`, list: Array.from(indices.subarray(at, at + k)) };
}

test('the exported MNIST site opens from a subfolder with all 10,000 points, in static mode', async () => {
  await page.goto(`${server.url}mnist/`);
  await ready();
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  assert.ok(await page.evaluate(() => document.body.classList.contains('static-site')));
  // The same catalog item as the server's.
  assert.equal(await byId('dataset-picker').evaluate((s) => s.selectedOptions[0].textContent), 'MNIST digits');
  // Every request stayed under the subfolder and none went to an API.
  assert.ok(server.requests.every((p) => p.startsWith('/some/sub/mnist/')), server.requests.join('\n'));
  assert.ok(!server.requests.some((p) => p.includes('/api/')));
  assert.ok(await byId('bookmarks-note').isVisible());
  assert.equal(await byId('bookmark-save').isVisible(), false);
  await browser.shot('static-01-mnist');
  assert.deepEqual(browser.errors, []);
});

test('colouring by label gives the legend of the ten digits', async () => {
  await byId('color-by').selectOption('label');
  const text = await byId('legend').textContent();
  for (let d = 0; d <= 9; d++) assert.ok(text.includes(String(d)), `legend lacks ${d}: ${text}`);
  assert.ok(!text.includes('Pick a column'));
});

test('search runs in the page: ^7$ finds the 1,070 sevens, a bad regex gets a readable message', async () => {
  await byId('search-column').selectOption('label');
  await byId('search-input').fill('^7$');
  await waitText('search-count', (t) => t.replace(/\D/g, '') === '1070');
  await browser.shot('static-02-search');
  await byId('search-input').fill('(');
  await page.getByText(/'\(' is not a valid regular expression/).first().waitFor({ timeout: 20_000 });
  await byId('search-input').fill('');
  await waitText('search-count', (t) => t === '0');
});

test('clicking a digit lists the exported neighbours; more than were exported are computed in the page', async () => {
  const index = 123;
  const [x, y] = await page.evaluate((i) => window.__projector.screenOf(i), index);
  await page.mouse.move(x, y, { steps: 5 });
  await page.waitForTimeout(300);
  await page.mouse.click(x, y);
  await page.waitForFunction(() => window.__projector.selected().length === 1, null, { timeout: 20_000 });
  const picked = await page.evaluate(() => window.__projector.selected()[0]);
  const items = byId('neighbors-list').getByTestId('neighbor-item');
  await items.first().waitFor({ timeout: 30_000 });
  const k = Number(await byId('neighbors-k').inputValue());
  assert.equal(await items.count(), k);
  const exported = exportedNeighbors(picked, k);
  assert.equal(await byId('neighbors-metric').inputValue(), exported.metric);
  const shown = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.index)));
  assert.deepEqual(shown, exported.list, 'the page lists the exported neighbours, nearest first');
  // Only the point's chunk was fetched (tens of KB), not every list nor the vectors.
  const fetched = server.requests.filter((r) => r.includes('/neighbors-'));
  assert.deepEqual(fetched.map((r) => r.slice(r.indexOf('/neighbors-') + 1)), [exported.file]);
  assert.ok(!server.requests.some((r) => r.endsWith('matrix.f32')), 'the vectors are not downloaded for exported neighbours');
  await browser.shot('static-03-neighbours');

  // k = 60 is more than the 50 exported: brute force over the vectors, which for 10,000 points is exact like the export.
  await byId('neighbors-k').fill('60');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="neighbor-item"]').length === 60, null, { timeout: 120_000 });
  const computed = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.index)));
  assert.deepEqual(computed.slice(0, 20), exportedNeighbors(picked, 20).list);
  await byId('neighbors-k').fill('20');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="neighbor-item"]').length === 20, null, { timeout: 30_000 });
});

test('t-SNE and UMAP were not exported: their controls are disabled and say why', async () => {
  await byId('method-tsne').click();
  const reason = byId('tsne-reason');
  await reason.waitFor();
  assert.equal((await reason.textContent()).trim(), 't-SNE was not precomputed for this site; export with --layouts tsne.');
  assert.equal(await byId('tsne-run').isDisabled(), true);
  await browser.shot('static-04-tsne-unavailable');
  await byId('method-umap').click();
  assert.match(await byId('umap-reason').textContent(), /UMAP was not precomputed for this site; export with --layouts umap/);
  assert.equal(await byId('umap-run').isDisabled(), true);
  await byId('method-pca').click();
  assert.equal(await page.evaluate(() => window.__projector.positions().length), 30000);
});

test('isolating shows the selected points where they are, and says so', async () => {
  await byId('clear-selection').click();
  await byId('search-input').fill('^7$');
  await waitText('search-count', (t) => t.replace(/\D/g, '') === '1070');
  await byId('select-matches').click();
  await byId('isolate').click();
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '1070');
  assert.ok(await byId('isolate-note').isVisible());
  await browser.shot('static-05-isolated');
  await byId('show-all').click();
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  await byId('clear-selection').click();
  await byId('search-input').fill('');
});

test('"no colour" survives a reload: the URL keeps it', async () => {
  await byId('color-by').selectOption('');
  await page.waitForFunction(() => /[#&]c=(&|$)/.test(location.hash), null, { timeout: 10_000 });
  await page.reload();
  await ready();
  assert.equal(await byId('color-by').inputValue(), '');
  assert.match(await byId('legend').textContent(), /Pick a column/);
  assert.deepEqual(browser.errors, []);
});

test('a precomputed t-SNE shows at once, and a config bookmark restores its view read-only', { skip: tinyFixture ? false : 'no fixtures folder' }, async () => {
  await page.goto(`${server.url}tiny/`);
  await ready();
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '300');
  // A link naming no method opens on the precomputed t-SNE; PCA is one tab away.
  await page.waitForFunction(() => location.hash.includes('m=tsne'), null, { timeout: 10_000 });
  assert.equal(await byId('projection-shown').textContent(), 'The map shows t-SNE.');
  await byId('method-pca').click();
  await page.waitForFunction(() => !location.hash.includes('m=tsne'), null, { timeout: 10_000 });
  await ready();
  const pca = await page.evaluate(() => Array.from(window.__projector.positions().slice(0, 30)));
  await byId('method-tsne').click();
  await page.waitForFunction((before) => {
    const now = Array.from(window.__projector.positions().slice(0, 30));
    return now.some((v, i) => v !== before[i]);
  }, pca, { timeout: 60_000 });
  assert.match(await byId('tsne-reason').textContent(), /t-SNE was precomputed for this site \(perplexity/);
  assert.equal(await byId('tsne-run').textContent(), 'Show');
  await page.waitForFunction(() => location.hash.includes('m=tsne'), null, { timeout: 10_000 });
  await browser.shot('static-06-precomputed-tsne');

  // The config's bookmark: the server's id, no delete button; restoring it colours by cluster.
  await byId('method-pca').click();
  await byId('color-by').selectOption('');
  const item = byId('bookmark-list').getByTestId('bookmark-item');
  await item.first().waitFor();
  assert.equal(await item.first().getAttribute('data-id'), 'config-1');
  assert.equal(await item.first().getByTestId('bookmark-delete').count(), 0);
  await item.first().locator('.bookmark-open').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="color-by"]').value === 'cluster', null, { timeout: 20_000 });
  const legend = await byId('legend').textContent();
  assert.ok(legend.includes('c0') && legend.includes('c2'), `the legend follows the restored colour: ${legend}`);
  await page.waitForFunction(() => location.hash.includes('m=tsne'), null, { timeout: 10_000 });
  await browser.shot('static-07-bookmark');
  assert.deepEqual(browser.errors, []);
});
