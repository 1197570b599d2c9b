// What the page promises beyond the demo: links that cannot be shown say so, tabs start their layout,
// fields refuse what the server refuses, bookmarks move in and out, panels fold, keys move the camera,
// and a server that dies leaves no spinner behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);
const ready = () => page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
const banner = () => byId('error-banner').textContent();

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a link to an unknown dataset says so and opens the demo', async () => {
  await page.goto(`${server.url}#d=no-such-dataset`);
  await ready();
  await waitText('error-banner', (t) => t.includes('There is no dataset "no-such-dataset"'));
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  await browser.shot('20-unknown-dataset');
});

test('a point out of range is named and not selected', async () => {
  await page.goto(`${server.url}#d=mnist&sel=5,99999999`);
  await waitText('error-banner', (t) => t.includes('Point 99,999,999 is not in this dataset'));
  await page.waitForFunction(() => JSON.stringify(window.__projector.selected()) === '[5]', null, { timeout: 30_000 });
  await browser.shot('21-point-out-of-range');
});

test('UMAP options out of range are replaced, named, and the map is not empty', async () => {
  await page.goto(`${server.url}#d=mnist&m=umap&nn=0&md=-1`);
  await waitText('error-banner', (t) => t.includes('UMAP\'s neighbours must be') && t.includes('min distance'));
  assert.equal(await byId('umap-neighbors').inputValue(), '15');
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  // On a quiet machine MNIST's UMAP can finish before a poll sees it running: then there is nothing to
  // stop. It may also wait its turn behind work the server started for the demo (queued).
  await waitText('projection-status', (t) => /^UMAP (queued|running|done)/.test(t), 120_000);
  await browser.shot('22-bad-umap-link');
  if (!(await byId('umap-stop').isDisabled())) {
    await byId('umap-stop').click();
    await waitText('projection-status', (t) => t.startsWith('UMAP stopped') || t.startsWith('UMAP done'));
  }
  // The status line and the button follow the same event but may be drawn a frame apart.
  await page.waitForFunction(() => document.querySelector('[data-testid="umap-stop"]').disabled, null, { timeout: 10_000 }).catch(() => {});
  assert.ok(await byId('umap-stop').isDisabled());
});

test('the t-SNE tab starts t-SNE, and the map says which layout it shows', async () => {
  await byId('dismiss-error').click();
  await byId('method-pca').click();
  await waitText('projection-shown', (t) => t === 'The map shows PCA.');
  await byId('method-tsne').click();
  await waitText('projection-status', (t) => t.startsWith('t-SNE running'), 60_000);
  await waitText('projection-shown', (t) => t === 'The map shows t-SNE.', 60_000);
  await browser.shot('23-tsne-tab-runs');
  // Perturb goes on from the positions on the map: a new, shorter run.
  await byId('tsne-perturb').click();
  await waitText('projection-total', (t) => t === '/ 250', 30_000);
  // Ends the perturbed run so the next test starts from a still page (its end state is not asserted:
  // a short run may finish before the click reaches the server).
  await byId('tsne-stop').click();
});

test('fields refuse what the server refuses, with a message', async () => {
  await byId('tsne-perplexity').fill('0');
  await byId('tsne-run').click();
  await waitText('error-banner', (t) => t.includes('The perplexity must be above 0 and at most 333 (it was 0).'));
  assert.match(await byId('tsne-perplexity').getAttribute('class'), /invalid/);
  assert.ok(await byId('tsne-supervise-factor').isDisabled(), 'no supervision column, no weight');
  await byId('tsne-perplexity').fill('30');
  await byId('method-custom').click();
  await byId('custom-left').fill('(');
  assert.ok(await byId('custom-run').isDisabled(), 'Apply waits for a valid regex');
  await browser.shot('24-invalid-fields');
  await byId('custom-left').fill('');
});

test('a TensorFlow projector bookmarks file imports; bookmarks rename and ask before deleting', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'projector-e2e-bookmarks-'));
  const file = join(folder, 'state.txt');
  writeFileSync(file, JSON.stringify([
    { label: 'Sevens and ones', selectedProjection: 'pca', pcaComponentDimensions: [0, 1], selectedPoints: [7, 11], selectedColorOptionName: 'label', projections: [] },
  ]));
  await byId('bookmarks-import-file').setInputFiles(file);
  const item = byId('bookmark-list').getByTestId('bookmark-item').filter({ hasText: 'Sevens and ones' });
  await item.waitFor({ timeout: 20_000 });
  await item.getByTestId('bookmark-rename').click();
  await byId('bookmark-edit-name').fill('Two digits');
  await byId('bookmark-edit-description').fill('from the TF projector');
  await byId('bookmark-edit-save').click();
  const renamed = byId('bookmark-list').getByTestId('bookmark-item').filter({ hasText: 'Two digits' });
  await renamed.getByTestId('bookmark-item-description').waitFor();
  await renamed.locator('.bookmark-open').click();
  await page.waitForFunction(() => JSON.stringify(window.__projector.selected()) === '[7,11]', null, { timeout: 30_000 });
  await renamed.getByTestId('bookmark-delete').click();
  await byId('bookmark-delete-confirm').waitFor();
  await browser.shot('25-bookmark-confirm-delete');
  await byId('bookmark-delete-confirm').click();
  await renamed.waitFor({ state: 'detached' });
});

test('both side panels fold, and the keys move the camera', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await ready();
  await byId('fold-left').click();
  if ((await byId('fold-right').getAttribute('aria-expanded')) === 'true') await byId('fold-right').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="canvas"]').getBoundingClientRect().width > 900);
  await browser.shot('26-panels-folded');
  await byId('canvas').focus();
  const at = () => page.evaluate(() => window.__projector.screenOf(7));
  const [x0, y0] = await at();
  await page.keyboard.press('ArrowRight');
  const [x1] = await at();
  assert.ok(x1 > x0 + 20, `ArrowRight moves the points right: ${x0} -> ${x1}`);
  await page.keyboard.press('+');
  const [x2, y2] = await at();
  const [cx, cy] = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  });
  assert.ok(Math.hypot(x2 - cx, y2 - cy) > Math.hypot(x1 - cx, y0 - cy), '+ zooms in');
  await page.keyboard.press('r');
  const [x3] = await at();
  assert.ok(Math.abs(x3 - x0) < 2, 'R puts the camera back');
  // The hover card shows the digit's sprite beside its label.
  const [hx, hy] = await at();
  await page.mouse.move(hx, hy, { steps: 4 });
  await byId('hover-sprite').waitFor({ timeout: 10_000 });
  await browser.shot('26b-hover-sprite');
  await page.mouse.move(5, 5);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  await byId('theme-switch').click();
  assert.ok(['light', 'dark'].includes(await page.evaluate(() => document.documentElement.dataset.theme)));
  await browser.shot('27-theme-switched');
  await byId('fold-left').click();
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});

test('a server that dies mid-run leaves no spinner: the status, buttons and message agree', async () => {
  // A small input and a long t-SNE: the run is surely still going when the server dies.
  const folder = mkdtempSync(join(tmpdir(), 'projector-e2e-lost-'));
  const rows = Array.from({ length: 300 }, (_, i) => Array.from({ length: 5 }, (_, d) => Math.sin(i * 7 + d * 13).toFixed(4)).join('\t'));
  writeFileSync(join(folder, 'lost.tsv'), `${rows.join('\n')}\n`);
  const doomed = await startServer([join(folder, 'lost.tsv')]);
  const second = await page.context().newPage();
  try {
    await second.goto(`${doomed.url}#d=lost&m=tsne&it=100000`);
    await waitTextOf(second, 'projection-iteration', (t) => Number(t) >= 1, 120_000);
    await doomed.kill();
    await waitTextOf(second, 'error-banner', (t) => /t-SNE stopped at \d+\/100000: the server cannot be reached/.test(t), 30_000);
    await second.getByTestId('progress').waitFor({ state: 'hidden', timeout: 10_000 });
    assert.match(await second.getByTestId('projection-status').textContent(), /^t-SNE failed/);
    assert.ok(await second.getByTestId('tsne-stop').isDisabled());
    assert.ok(await second.getByTestId('tsne-pause').isDisabled());
    await second.screenshot({ path: join(import.meta.dirname, '..', '..', '..', 'artifacts', 'screenshots', '28-server-died.png') });
  } finally {
    await second.close();
    await doomed.stop();
  }
});
