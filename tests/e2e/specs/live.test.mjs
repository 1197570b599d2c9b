// A live t-SNE with sprites, as the page's frame pipeline sees it: the phase of the preparation in the
// status line, frames decoded in a worker, a frame dropped when a newer one arrived while the page was
// busy, and the full picture (every sprite) once the layout is still. Timings are the benchmark's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the status line shows the preparation, then the iterations', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await byId('method-tsne').click();
  // Every status text until the first iteration is drawn, sampled as the page shows them.
  await page.evaluate(() => {
    window.__phases = new Set();
    const progress = document.querySelector('[data-testid="progress"]');
    new MutationObserver(() => window.__phases.add(progress.textContent)).observe(progress, { subtree: true, characterData: true, childList: true });
  });
  await byId('tsne-run').click();
  await page.waitForFunction(() => (window.__projector.job()?.iteration ?? 0) >= 3, null, { timeout: 180_000, polling: 50 });
  const phases = await page.evaluate(() => [...window.__phases]);
  assert.ok(phases.some((p) => /t-SNE: (neighbours( [\d,]+\/10,000)?|affinities|PCA to \d+ dimensions)$/.test(p)), `no preparation phase among ${JSON.stringify(phases)}`);
  assert.ok(phases.some((p) => /t-SNE: .* \d+\/750$/.test(p)), `no iteration count among ${JSON.stringify(phases)}`);
});

test('frames are decoded in a worker, and one that a newer frame overtook is dropped', async () => {
  const before = await page.evaluate(() => window.__projector.frames());
  assert.ok(before.decodedInWorker > 0, 'no frame was decoded in the worker');
  // Hold the main thread for a second while frames keep arriving: the worker keeps only the newest.
  await page.evaluate(() => {
    const end = performance.now() + 1000;
    while (performance.now() < end) { /* busy */ }
  });
  await page.waitForFunction((n) => window.__projector.frames().decodedInWorker > n, before.decodedInWorker, { timeout: 30_000 });
  const after = await page.evaluate(() => window.__projector.frames());
  assert.ok(after.skipped > before.skipped, `no frame was dropped: ${JSON.stringify(after)}`);
  await browser.shot('10-live-tsne-sprites');
});

test('once the layout is still, every sprite is drawn at the full pixel ratio', async () => {
  await byId('tsne-stop').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes(window.__projector.job()?.status), null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__projector.frames().plan.sprites === 1, null, { timeout: 10_000 });
  const { plan } = await page.evaluate(() => window.__projector.frames());
  assert.deepEqual(plan, { pixelRatio: 1, sprites: 1, dots: 0 });
  await browser.shot('11-tsne-stopped-sprites');
  assert.deepEqual(browser.errors, []);
});
