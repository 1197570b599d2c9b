// A live t-SNE with sprites when the main thread is held up: a long task while frames stream makes the
// frame budget draw a coarser plan; once the layout is still, every sprite again at the full pixel
// ratio. Timings are the benchmark's (bench/browser/page-bench.mjs).
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

test('a long task while t-SNE streams makes the budget draw a coarser plan', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await page.waitForFunction(() => window.__projector.frames().plan.sprites === 1, null, { timeout: 30_000 });
  await browser.shot('50-long-tasks-before');
  await byId('method-tsne').click();
  // Enough iterations that the run still streams when the long task comes, however fast the machine.
  await byId('tsne-iterations').fill('100000');
  await byId('tsne-run').click();
  await page.waitForFunction(() => (window.__projector.job()?.iteration ?? 0) >= 3, null, { timeout: 180_000, polling: 50 });
  // Hold the main thread for 200 ms between two frames, in a task of the page's own (a timer: the
  // browser reports it as a long task, which it does not for a script the test runs through CDP).
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
    const end = performance.now() + 200;
    while (performance.now() < end) { /* busy */ }
    resolve();
  }, 0)));
  await page.waitForFunction(() => window.__projector.frames().longTaskFloor > 0, null, { timeout: 10_000, polling: 20 });
  const { plan } = await page.evaluate(() => window.__projector.frames());
  assert.ok(plan.sprites !== 1 || plan.pixelRatio < 1, `still every sprite after a long task: ${JSON.stringify(plan)}`);
});

test('once the layout is still, every sprite at the full pixel ratio, as before the run', async () => {
  await byId('tsne-stop').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes(window.__projector.job()?.status), null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__projector.frames().plan.sprites === 1, null, { timeout: 10_000 });
  const { plan } = await page.evaluate(() => window.__projector.frames());
  assert.deepEqual(plan, { pixelRatio: 1, sprites: 1, dots: 0 });
  await page.waitForTimeout(300);
  await browser.shot('51-long-tasks-still-sprites');
  assert.deepEqual(browser.errors, []);
});
