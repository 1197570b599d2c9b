// A live t-SNE with sprites when the main thread is held up: the render worker draws the moving frames,
// so a long task of the page's own does not coarsen them (the budget's long-task floor is for frames
// drawn on the main thread, render/budget-long-tasks.test.ts); once the layout is still, every sprite
// again at the full pixel ratio. Timings are the benchmark's (bench/browser/page-bench.mjs).
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

test('a long main-thread task while the render worker draws t-SNE leaves its plan alone', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await page.waitForFunction(() => window.__projector.frames().plan.sprites === 1, null, { timeout: 30_000 });
  await browser.shot('50-long-tasks-before');
  await byId('method-tsne').click();
  // Enough iterations that the run still streams when the long task comes, however fast the machine.
  await byId('tsne-iterations').fill('100000');
  await byId('tsne-run').click();
  await page.waitForFunction(() => (window.__projector.job()?.iteration ?? 0) >= 3 && window.__projector.frames().offThread.shown, null, { timeout: 180_000, polling: 50 });
  const before = await page.evaluate(() => {
    window.__longTasks = 0;
    new PerformanceObserver((list) => { window.__longTasks += list.getEntries().length; }).observe({ type: 'longtask' });
    return window.__projector.frames().offThread.frames;
  });
  // Hold the main thread for 200 ms between two frames, in a task of the page's own (a timer: the
  // browser reports it as a long task, which it does not for a script the test runs through CDP).
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
    const end = performance.now() + 200;
    while (performance.now() < end) { /* busy */ }
    resolve();
  }, 0)));
  // The task is reported, the worker goes on drawing new frames, and the budget's long-task floor (which
  // coarsens only what the main thread draws) stays at 0.
  await page.waitForFunction(() => window.__longTasks > 0, null, { timeout: 10_000, polling: 20 });
  await page.waitForFunction((n) => window.__projector.frames().offThread.frames > n + 5, before, { timeout: 30_000, polling: 50 });
  const { longTaskFloor } = await page.evaluate(() => window.__projector.frames());
  assert.equal(longTaskFloor, 0);
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
