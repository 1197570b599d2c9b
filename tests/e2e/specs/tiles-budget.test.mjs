// The tile view under its frame budget: while a drag is in progress a frame draws a subset of the
// tiles in view (never none of a tile that was drawn), and once the camera is still every point of
// every tile in view is drawn, the tiles in view worked out here from tiles.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { exportClusteredTiles } from '../lib/tile-data.mjs';
import { tileStats } from '../lib/tile-page.mjs';

const root = mkdtempSync(join(tmpdir(), 'projector-e2e-tiles-budget-'));
let set;
let server;
let browser;
let page;
let manifest;

before(async () => {
  set = await exportClusteredTiles(root, 400_000, 25000);
  manifest = JSON.parse(readFileSync(join(set, 'tiles.json'), 'utf8'));
  server = await startServer(['--tiles', set]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const stats = () => tileStats(page);
const waitStill = () => page.waitForFunction(() => {
  const s = window.__tiles?.stats();
  return s && s.tilesShown > 0 && s.tilesShown === s.tilesWanted && !s.moving && s.stride === 1;
}, null, { timeout: 120_000 });

/** Points of the tiles at `level` or coarser whose square meets `viewport`, from tiles.json alone. */
function pointsInView(viewport, level) {
  const [vx0, vy0, vx1, vy1] = viewport;
  let sum = 0;
  for (const [l, x, y, points] of manifest.tiles) {
    const side = 2 / 2 ** l;
    const x0 = -1 + x * side;
    const y0 = -1 + y * side;
    if (l <= level && x0 <= vx1 && x0 + side >= vx0 && y0 <= vy1 && y0 + side >= vy0) sum += points;
  }
  return sum;
}

test('a still view draws every point of the tiles in view', async () => {
  await page.goto(server.url);
  await waitStill();
  // Zoomed in on the middle: several levels of tiles, a few hundred thousand points.
  await page.evaluate(() => window.__tiles.setCamera([0, 0], 10.6));
  await waitStill();
  const s = await stats();
  assert.ok(s.level >= 2, JSON.stringify(s));
  assert.ok(s.pointsShown > 100_000, `${s.pointsShown} points in view`);
  assert.equal(s.pointsDrawn, s.pointsShown);
  assert.equal(s.pointsShown, pointsInView(s.viewport, s.level));
  await page.waitForTimeout(300);
  await browser.shot('tiles-budget-01-still');
});

test('while a drag is in progress under a tight frame budget fewer points are drawn, and all of them again once it stops', async () => {
  // 4 ms a frame: more than the page's own share of a frame leaves, so every moving frame must be
  // thinned. (Under the default 33 ms a quiet machine's render worker may draw every point.)
  await page.evaluate(() => window.__tiles.setFrameBudget(4));
  const box = await page.getByTestId('canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const still = await stats();
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const during = [];
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(cx - i * 15, cy - i * 8, { steps: 2 });
    during.push(await stats());
    if (i === 6) await browser.shot('tiles-budget-02-dragging');
  }
  const thinned = during.filter((s) => s.moving && s.stride > 1);
  assert.ok(thinned.length > 0, JSON.stringify(during.map((s) => [s.moving, s.stride, s.pointsDrawn, s.pointsShown])));
  for (const s of thinned) {
    assert.ok(s.pointsDrawn < s.pointsShown, JSON.stringify(s));
    // Every tile drawn keeps some of its points: the picture thins, no area goes blank.
    assert.ok(s.pointsDrawn >= s.tilesShown, JSON.stringify(s));
    assert.ok(s.tilesShown >= still.tilesShown / 2, JSON.stringify(s));
  }
  await page.mouse.up();
  await waitStill();
  const after = await stats();
  assert.notDeepEqual(after.viewport, still.viewport);
  assert.equal(after.pointsDrawn, after.pointsShown);
  assert.equal(after.pointsShown, pointsInView(after.viewport, after.level));
  await page.waitForTimeout(300);
  await browser.shot('tiles-budget-03-still-again');
  assert.deepEqual(browser.errors, []);
});
