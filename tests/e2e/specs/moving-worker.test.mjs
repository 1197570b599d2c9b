// The map is drawn by a render worker on a canvas of its own (render/moving-canvas.ts), moving and
// still: the same view drawn by the worker and by deck.gl on the main thread must look the same
// (sprites, dots, marks, labels, density, 2-D and 3-D), a live t-SNE must be drawn by the worker, and
// its still picture at the end too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);
const FULL_SPRITES = { pixelRatio: 1, sprites: 1, dots: 0 };
const FULL_DOTS = { pixelRatio: 1, sprites: 0, dots: 1 };

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
  await page.goto(server.url);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A PNG of the map only (the canvas's box). */
async function mapShot() {
  const box = await page.locator('.canvas').boundingBox();
  return page.screenshot({ clip: box });
}

/** Compares two PNGs in the page: the share of pixels differing by more than `tolerance` in a channel, and of non-background pixels in each. */
async function compare(a, b, tolerance = 48) {
  return page.evaluate(async ([x, y, tol]) => {
    const load = async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = c.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [p, q] = [await load(x), await load(y)];
    let differ = 0;
    let inkP = 0;
    let inkQ = 0;
    // The background is the first pixel of the still picture (a corner the cloud never reaches).
    const bg = [p[0], p[1], p[2]];
    const ink = (d, i) => Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - q[i]) > tol || Math.abs(p[i + 1] - q[i + 1]) > tol || Math.abs(p[i + 2] - q[i + 2]) > tol) differ++;
      if (ink(p, i)) inkP++;
      if (ink(q, i)) inkQ++;
    }
    const n = p.length / 4;
    return { differ: differ / n, inkStill: inkP / n, inkMoving: inkQ / n };
  }, [a.toString('base64'), b.toString('base64'), tolerance]);
}

/** The still picture drawn by deck.gl (the worker off), then the same view as a frame of `plan` drawn by the worker. */
async function stillAndMoving(plan, name) {
  await page.evaluate(() => window.__projector.useWorker(false));
  await page.waitForFunction((p) => JSON.stringify(window.__projector.frames().plan) === JSON.stringify(p) && !window.__projector.frames().offThread.shown, plan, { timeout: 20_000 });
  await page.waitForTimeout(300);
  const still = await mapShot();
  const before = await page.evaluate(() => window.__projector.frames().offThread.frames);
  await page.evaluate((p) => {
    window.__projector.useWorker(true);
    window.__projector.holdMoving(p);
  }, plan);
  await page.waitForFunction((n) => window.__projector.frames().offThread.frames > n && window.__projector.frames().offThread.shown, before, { timeout: 20_000 });
  await page.waitForTimeout(300);
  const moving = await mapShot();
  await browser.shot(`${name}-moving`);
  const opacity = await page.evaluate(() => getComputedStyle(document.querySelector('.canvas canvas:not(.moving-canvas)')).opacity);
  assert.equal(opacity, '0', 'deck.gl\'s canvas is not hidden under the worker\'s');
  await page.evaluate(() => window.__projector.holdMoving(null));
  const result = await compare(still, moving);
  console.log(name, JSON.stringify(result));
  return result;
}

test('a moving frame of every sprite looks like the still picture, marks included', async () => {
  // A selected point and its neighbours: rings over the sprites.
  const [x, y] = await page.evaluate(() => window.__projector.screenOf(7));
  await page.mouse.click(x, y);
  await page.waitForFunction(() => window.__projector.selected().length === 1, null, { timeout: 20_000 });
  const r = await stillAndMoving(FULL_SPRITES, '60-worker-sprites');
  assert.ok(r.inkStill > 0.02, `the still picture is nearly empty: ${JSON.stringify(r)}`);
  assert.ok(Math.abs(r.inkMoving - r.inkStill) < 0.15 * r.inkStill, `the moving frame draws another amount: ${JSON.stringify(r)}`);
  assert.ok(r.differ < 0.02, `the moving frame differs from the still picture: ${JSON.stringify(r)}`);
});

test('a moving frame of dots looks like the still picture', async () => {
  await byId('sprites-toggle').uncheck();
  const r = await stillAndMoving(FULL_DOTS, '61-worker-dots');
  assert.ok(r.inkStill > 0.01, `the still picture is nearly empty: ${JSON.stringify(r)}`);
  assert.ok(r.differ < 0.02, `the moving frame differs from the still picture: ${JSON.stringify(r)}`);
});

test('in 3-D too, with depth', async () => {
  await byId('dims-toggle').click();
  await page.waitForFunction(() => window.__projector.view() === '3d', null, { timeout: 20_000 });
  const r = await stillAndMoving(FULL_DOTS, '62-worker-3d');
  assert.ok(r.inkStill > 0.01, `the still picture is nearly empty: ${JSON.stringify(r)}`);
  assert.ok(r.differ < 0.02, `the moving 3-D frame differs from the still picture: ${JSON.stringify(r)}`);
  await byId('dims-toggle').click();
  await byId('sprites-toggle').check();
});

test('with the density shading on, moving frames are the worker\'s too, shading included', async () => {
  const count = await page.evaluate(() => window.__projectorLayers.density().count);
  await byId('density-toggle').check();
  await page.waitForFunction((n) => window.__projectorLayers.density().count > n, count, { timeout: 30_000 });
  const r = await stillAndMoving(FULL_SPRITES, '62b-worker-density');
  assert.ok(r.differ < 0.02, `the moving frame with density differs from the still picture: ${JSON.stringify(r)}`);
  await byId('density-toggle').uncheck();
});

test('a live t-SNE is drawn by the worker, and so is its still picture once it ends', async () => {
  await page.keyboard.press('Escape');
  await byId('method-tsne').click();
  await byId('tsne-iterations').fill('100000');
  const before = await page.evaluate(() => window.__projector.frames().offThread.frames);
  await byId('tsne-run').click();
  await page.waitForFunction((n) => (window.__projector.job()?.iteration ?? 0) >= 20 && window.__projector.frames().offThread.frames > n + 10, before, { timeout: 180_000, polling: 50 });
  assert.ok(await page.evaluate(() => window.__projector.frames().offThread.shown), 'the worker\'s canvas does not show while t-SNE streams');
  await browser.shot('63-worker-live');
  await byId('tsne-stop').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes(window.__projector.job()?.status), null, { timeout: 60_000 });
  // The full picture again, every sprite at the full pixel ratio, drawn by the worker: deck.gl draws nothing.
  await page.waitForFunction(() => window.__projector.frames().offThread.shown && window.__projector.frames().plan.sprites === 1 && window.__projector.frames().plan.pixelRatio === 1, null, { timeout: 20_000 });
  const opacity = await page.evaluate(() => getComputedStyle(document.querySelector('.canvas canvas:not(.moving-canvas)')).opacity);
  assert.equal(opacity, '0');
  await browser.shot('64-worker-still-again');
  // The layout t-SNE left (its frames rewrite one array): the worker draws it where deck.gl does.
  const r = await stillAndMoving(FULL_SPRITES, '65-worker-after-tsne');
  assert.ok(r.differ < 0.02, `the moving frame differs from the still picture after t-SNE: ${JSON.stringify(r)}`);
  assert.deepEqual(browser.errors, []);
});

test('when the worker loses its WebGL context, the page draws every frame itself, and nothing stale stays over the map', async () => {
  await page.evaluate(() => window.__projector.loseWorkerContext());
  // Hidden at once: the lost worker's last picture never stays over the map.
  await page.waitForFunction(() => !window.__projector.frames().offThread.shown, null, { timeout: 20_000 });
  const frames = await page.evaluate(() => window.__projector.frames().offThread.frames);
  await page.evaluate(() => window.__projector.holdMoving({ pixelRatio: 1, sprites: 0, dots: 2 }));
  await page.waitForFunction(() => JSON.stringify(window.__projector.frames().plan) === JSON.stringify({ pixelRatio: 1, sprites: 0, dots: 2 }), null, { timeout: 20_000 });
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => ({
    frames: window.__projector.frames().offThread.frames,
    shown: window.__projector.frames().offThread.shown,
    deck: getComputedStyle(document.querySelector('.canvas canvas:not(.moving-canvas)')).opacity,
  }));
  assert.deepEqual(after, { frames, shown: false, deck: '1' });
  const moving = await mapShot();
  await browser.shot('66-worker-lost-moving-by-deck');
  await page.evaluate(() => window.__projector.holdMoving(null));
  await page.waitForTimeout(500);
  const still = await mapShot();
  // Every other dot drawn by deck.gl: the map is drawn (not blank), much like the still picture.
  const r = await compare(still, moving, 48);
  assert.ok(r.inkMoving > 0.3 * r.inkStill, `the map is blank after the worker was lost: ${JSON.stringify(r)}`);
  const warned = browser.errors.filter((e) => !/lost its WebGL context/.test(e));
  assert.deepEqual(warned, []);
});
